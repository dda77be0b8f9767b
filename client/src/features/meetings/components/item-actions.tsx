import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../../lib/ui/badges.tsx';
import { useActionItems } from '../../action-items/index.ts';
import '../meetings.css';
import '../load-strings.ts';

/**
 * The action items raised from one agenda item, under it: one read of the committee's actions for
 * the whole page (the unfiltered list, which live events patch in place), so an action raised
 * in the meeting appears on every screen at once.
 */
export function ItemActions({ committeeId, agendaItemId, number }: { committeeId: string; agendaItemId: string; number: string }) {
  const { t } = useTranslation();
  const actions = useActionItems(committeeId);
  const mine = (actions.data ?? []).filter((action) => action.agendaItemId === agendaItemId);
  if (mine.length === 0) return null;
  return (
    <ul className="item-actions" aria-label={t('meetings.actions.ofItem', { number })} data-testid="item-actions">
      {mine.map((action) => (
        <li key={action.id} className="item-actions__row" data-testid="item-action" data-action-id={action.id}>
          <span className="item-actions__label muted">{t('meetings.actions.label')}</span>
          <Link className="item-actions__title" to={`/c/${committeeId}/actions/${action.id}`}>
            {action.title}
          </Link>
          <StatusBadge status={action.status} />
        </li>
      ))}
    </ul>
  );
}
