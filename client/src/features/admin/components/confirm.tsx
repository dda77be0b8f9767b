import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmProps {
  message: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * An inline confirmation for a change that cannot be taken back lightly (removal, deactivation).
 * Focus moves to "Cancel", the safe choice; Escape cancels.
 */
export function Confirm({ message, confirmLabel, busy, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div
      className="admin-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${id}-message`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id={`${id}-message`}>{message}</p>
      <div className="form__actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button" ref={cancel} onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      </div>
    </div>
  );
}
