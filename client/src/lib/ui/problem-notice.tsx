import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page that cannot be shown (gone, not found, not allowed, failed): why, a Retry where trying
 * again may help, and the way back (`back`, a link to the list the page belongs to).
 */
export function ProblemNotice(props: { text: string; back: ReactNode; onRetry?: () => void; testId: string }) {
  const { t } = useTranslation();
  const { text, back, onRetry, testId } = props;
  const retry = onRetry ? (
    <button type="button" className="button" onClick={onRetry}>
      {t('app.retry')}
    </button>
  ) : null;
  return (
    <div className="notice notice--error" role="alert" data-testid={testId}>
      <p>{text}</p>
      <p className="notice__actions">
        {retry}
        {back}
      </p>
    </div>
  );
}
