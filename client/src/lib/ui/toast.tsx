import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long a confirmation stays before it fades; it can be closed sooner. */
const TOAST_MS = 6_000;

/**
 * A short confirmation ("Changes saved.") in a polite live region, fixed above the page so it
 * moves nothing; closes by itself, with its button, or with Escape.
 */
export function Toast({ message, onClose }: { message: string; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = window.setTimeout(onClose, TOAST_MS);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      <span className="toast__icon" aria-hidden="true">
        ✓
      </span>
      <span className="toast__message">{message}</span>
      <button type="button" className="toast__close" onClick={onClose} aria-label={t('workspace.dismiss')}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

/** A confirmation handed over in the router state of the page a save led to, shown once. */
export function useHandedOverToast<T>(state: T | undefined): [T | undefined, () => void] {
  const [shown, setShown] = useState(state);
  useEffect(() => setShown(state), [state]);
  return [shown, () => setShown(undefined)];
}
