import { describeChange, type HomeChange, isEntityType } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTimestamp } from '../../../lib/dates.ts';
import { recordPath } from '../../../lib/records/record-types.ts';

/** The change in the words every channel uses (shared `describeChange`), in the UI language. */
function describe(change: HomeChange, language: string) {
  return describeChange({ ...change, actorName: change.actorName || null }, language.startsWith('ms') ? 'ms' : 'en');
}

function changeLink(change: HomeChange): string | undefined {
  if (change.verb === 'deleted' || !isEntityType(change.entityType)) return undefined;
  return recordPath(change.entityType, change.committeeId, change.entityId, change.parentId ? [change.parentId] : []);
}

/** "Since you were last here": each change a sentence in the UI language, its record a link. */
export function SinceChanges({ changes }: { changes: readonly HomeChange[] }) {
  const { i18n } = useTranslation();
  return (
    <ul className="home-rows">
      {changes.map((change) => {
        const to = changeLink(change);
        const words = describe(change, i18n.language);
        return (
          <li key={change.seq} className="home-row" data-testid="home-change">
            <span className="home-row__main">
              <span title={[words.sentence, ...words.changes.map((field) => field.text)].join('\n')}>
                <strong>{words.actor}</strong> {words.lead}
                {to ? (
                  <Link to={to} className="home-row__title">
                    {words.record}
                  </Link>
                ) : (
                  <span className="home-row__title">{words.record}</span>
                )}
                {words.tail}
                {words.changes[0] && <span className="home-row__meta"> · {words.changes[0].text}</span>}
              </span>
              <time className="home-row__meta" dateTime={change.at}>
                {formatTimestamp(change.at, i18n.language)}
              </time>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
