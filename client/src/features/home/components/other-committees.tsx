import type { MyHome } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCommitteeName } from '../../committees/index.ts';

type Entry = MyHome['committees'][number];

/** What waits in one committee, in a few words ("2 overdue · 1 due soon · meeting live"). */
function summary(entry: Entry, t: (key: string, options?: Record<string, unknown>) => string): string {
  const overdue = entry.myActions.filter((action) => action.overdue).length;
  const parts = [
    entry.inProgress ? t('home.liveNow') : null,
    overdue > 0 ? t('home.countOverdue', { count: overdue }) : null,
    entry.myActions.length > overdue ? t('home.countDueSoon', { count: entry.myActions.length - overdue }) : null,
    entry.minutesToReview.length > 0 ? t('home.countMinutes', { count: entry.minutesToReview.length }) : null,
    entry.sinceLastVisit.changes.length > 0 ? t('home.countChanges', { count: entry.sinceLastVisit.changes.length }) : null,
  ];
  return parts.filter((part) => part !== null).join(' · ') || t('home.nothingWaiting');
}

/** The caller's other committees, each with what waits there: the home across committees. */
export function OtherCommittees({ committeeId, home }: { committeeId: string; home: MyHome | undefined }) {
  const { t } = useTranslation();
  const name = useCommitteeName();
  const others = home?.committees.filter((entry) => entry.committeeId !== committeeId) ?? [];
  if (others.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="home-others-title" data-testid="home-section-others">
      <h2 id="home-others-title" className="home-section__title">
        {t('home.otherCommittees')}
      </h2>
      <ul className="home-rows">
        {others.map((entry) => (
          <li key={entry.committeeId} className="home-row" data-testid="home-other">
            <Link to={`/c/${entry.committeeId}`} className="home-row__title">
              {entry.code} · {name(entry)}
            </Link>
            <span className="home-row__meta">{summary(entry, t)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
