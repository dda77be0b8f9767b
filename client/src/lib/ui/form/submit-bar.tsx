/** The buttons that end a form: submit (disabled while pending, with its pending label) and cancel. */
export function SubmitBar({
  label,
  pending,
  pendingLabel,
  cancelLabel,
  onCancel,
  className = 'form__actions',
  small,
  cancelLook,
  testId,
}: {
  label: string;
  pending: boolean;
  /** Shown on the submit button while the request runs; the label stays when absent. */
  pendingLabel?: string;
  cancelLabel: string;
  onCancel: () => void;
  className?: string;
  small?: boolean;
  /** Cancel drawn as a ghost button (beside a form's own actions); a plain button by default. */
  cancelLook?: 'ghost';
  testId?: string;
}) {
  const size = small ? ' button--small' : '';
  const look = cancelLook ? ` button--${cancelLook}` : '';
  return (
    <div className={className}>
      <button type="submit" className={`button button--primary${size}`} disabled={pending} data-testid={testId}>
        {pending && pendingLabel ? pendingLabel : label}
      </button>
      <button type="button" className={`button${look}${size}`} onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
