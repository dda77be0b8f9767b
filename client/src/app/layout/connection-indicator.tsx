import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../../lib/realtime/realtime-provider.tsx';

/** Always visible: whether what is on screen is live. Announced politely when it changes. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const label = t(`connection.${state}`);
  return (
    <p className={`connection connection--${state}`} data-testid="connection-state" data-state={state} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label', { state: '' })}</span>
      <span className="connection__text">{label}</span>
    </p>
  );
}
