import { useTranslation } from 'react-i18next';
import { useCommitteeSyncState, useConnectionState } from '../../lib/realtime/realtime-provider.tsx';

/**
 * Always visible: whether what is on screen is live. Announced politely when it changes. For
 * the committee on screen it follows that committee's stream: catching up on its own, or
 * "no access" once the server refused it (never "catching up" forever).
 */
export function ConnectionIndicator({ committeeId }: { committeeId?: string }) {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const committee = useCommitteeSyncState(committeeId);
  const state = committee === 'no-access' ? 'no-access' : connection === 'live' && committee === 'catching-up' ? 'catching-up' : connection;
  const label = state === 'no-access' ? t('access.indicator') : t(`connection.${state}`);
  const className = state === 'no-access' ? 'connection connection--offline connection--no-access' : `connection connection--${state}`;
  return (
    <p
      className={className}
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
      title={state === 'no-access' ? t('access.indicatorTitle') : undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label', { state: '' })}</span>
      <span className="connection__text">{label}</span>
    </p>
  );
}
