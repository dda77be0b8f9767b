import { useTranslation } from 'react-i18next';
import { usePresence } from '../../../lib/realtime/realtime-provider.tsx';
import '../meetings.css';
import '../load-strings.ts';

/** Who has the meeting page open right now; nothing when unknown or refused. */
export function PresenceRow({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const present = usePresence(meetingId);
  if (!present) return null;
  return (
    <section className="presence" aria-label={t('meetings.presence.label')} data-testid="presence">
      <span className="presence__count">{t('meetings.presence.count', { count: present.length })}</span>
      <ul className="presence__chips">
        {present.map((user) => (
          <li key={user.userId} className="presence__chip" data-testid="presence-chip">
            {user.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
