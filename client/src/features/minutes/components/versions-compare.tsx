import type { MinutesVersion, MinutesVersionSection } from '@sidang/shared';
import { diffWords } from 'diff';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimestamp } from '../../../lib/dates.ts';
import { useVersion, useVersions } from '../hooks/use-minutes.ts';
import { actionLineText } from './action-line.tsx';
import '../load-strings.ts';

interface Part {
  /** Stable within one comparison: where the part starts among the parts. */
  id: string;
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface SectionPair {
  key: string;
  number: string;
  title: string;
  left: MinutesVersionSection | undefined;
  right: MinutesVersionSection | undefined;
  parts: Part[];
}

function sectionBody(section: MinutesVersionSection | undefined, information: string, action: (agencies: string) => string): string {
  if (!section) return '';
  const line = actionLineText(section.actionLine, information, action);
  return line ? `${section.text}\n${line}` : section.text;
}

/** Sections of two versions side by side (matched by section), with the word changes between them. */
export function pairSections(
  left: MinutesVersion,
  right: MinutesVersion,
  information = 'For information',
  action: (agencies: string) => string = (agencies) => `Action: ${agencies}`,
): SectionPair[] {
  const keys = [...new Set([...left.sections, ...right.sections].map((section) => section.sectionId))];
  return keys.map((key) => {
    const a = left.sections.find((section) => section.sectionId === key);
    const b = right.sections.find((section) => section.sectionId === key);
    const shown = b ?? a;
    return {
      key,
      number: shown?.number ?? '',
      title: shown?.title ?? '',
      left: a,
      right: b,
      parts: diffWords(sectionBody(a, information, action), sectionBody(b, information, action)).map((part, order) => ({
        id: `${key}-${order}`,
        value: part.value,
        added: part.added,
        removed: part.removed,
      })),
    };
  });
}

function Side({ parts, side }: { parts: Part[]; side: 'left' | 'right' }) {
  const { t } = useTranslation();
  return (
    <div className={`minutes-compare__side minutes-compare__side--${side}`}>
      {parts.map((part) => {
        // The left side shows what was removed, the right side what was added.
        if (side === 'left' && part.added) return null;
        if (side === 'right' && part.removed) return null;
        if (part.removed)
          return (
            <del key={part.id} title={t('minutes.versions.removed')}>
              {part.value}
            </del>
          );
        if (part.added)
          return (
            <ins key={part.id} title={t('minutes.versions.added')}>
              {part.value}
            </ins>
          );
        return <span key={part.id}>{part.value}</span>;
      })}
    </div>
  );
}

/** Two versions chosen by the reader, section by section, side by side. */
export function CompareView({ left, right }: { left: MinutesVersion; right: MinutesVersion }) {
  const { t } = useTranslation();
  const pairs = pairSections(left, right, t('minutes.section.forInformation'), (agencies) => t('minutes.section.actionLine', { agencies }));
  const same = pairs.every((pair) => pair.parts.every((part) => !part.added && !part.removed));
  return (
    <div className="minutes-compare" data-testid="versions-compare">
      <div className="minutes-compare__head" aria-hidden="true">
        <span>
          {t('minutes.versions.entry', { number: left.number, status: t(`minutes.status.${left.status}`), when: '' }).replace(/, $/, '')}
        </span>
        <span>
          {t('minutes.versions.entry', { number: right.number, status: t(`minutes.status.${right.status}`), when: '' }).replace(/, $/, '')}
        </span>
      </div>
      {same && <p className="muted">{t('minutes.versions.same')}</p>}
      {pairs.map((pair) => (
        <section key={pair.key} className="minutes-compare__section" data-testid="compare-section">
          <h3>
            {pair.number}. {pair.title}
          </h3>
          <div className="minutes-compare__row">
            {pair.left ? (
              <Side parts={pair.parts} side="left" />
            ) : (
              <p className="muted minutes-compare__side">{t('minutes.versions.missing')}</p>
            )}
            {pair.right ? (
              <Side parts={pair.parts} side="right" />
            ) : (
              <p className="muted minutes-compare__side">{t('minutes.versions.missing')}</p>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}

/** The list of kept versions, and two of them compared. */
export function VersionsPanel({ minutesId }: { minutesId: string }) {
  const { t, i18n } = useTranslation();
  const versions = useVersions(minutesId);
  const [leftN, setLeftN] = useState<number | undefined>();
  const [rightN, setRightN] = useState<number | undefined>();
  const leftId = useId();
  const rightId = useId();
  const list = versions.data ?? [];
  useEffect(() => {
    // By default the two latest: what changed at the last step.
    if (list.length >= 2 && leftN === undefined && rightN === undefined) {
      const sorted = [...list].sort((a, b) => a.number - b.number);
      setLeftN(sorted.at(-2)?.number);
      setRightN(sorted.at(-1)?.number);
    }
  }, [list, leftN, rightN]);
  const left = useVersion(minutesId, leftN);
  const right = useVersion(minutesId, rightN);

  return (
    <section className="minutes-versions" aria-labelledby="minutes-versions-heading" data-testid="versions-panel">
      <h2 id="minutes-versions-heading">{t('minutes.versions.heading')}</h2>
      {versions.isPending && <p className="muted">{t('minutes.loading')}</p>}
      {versions.isError && !versions.data && <p className="notice notice--error">{t('minutes.versions.loadFailed')}</p>}
      {versions.data && list.length === 0 && <p className="muted">{t('minutes.versions.empty')}</p>}
      {list.length > 0 && (
        <ol className="minutes-versions__list">
          {list.map((version) => (
            <li key={version.number} data-testid="version-entry">
              {t('minutes.versions.entry', {
                number: version.number,
                status: t(`minutes.status.${version.status}`),
                when: formatTimestamp(version.createdAt, i18n.language),
              })}
            </li>
          ))}
        </ol>
      )}
      {list.length >= 2 && (
        <div className="minutes-versions__pick">
          <label htmlFor={leftId}>{t('minutes.versions.left')}</label>
          <select id={leftId} value={leftN ?? ''} onChange={(event) => setLeftN(Number(event.target.value))} data-testid="compare-left">
            {list.map((version) => (
              <option key={version.number} value={version.number}>
                {version.number}
              </option>
            ))}
          </select>
          <label htmlFor={rightId}>{t('minutes.versions.right')}</label>
          <select id={rightId} value={rightN ?? ''} onChange={(event) => setRightN(Number(event.target.value))} data-testid="compare-right">
            {list.map((version) => (
              <option key={version.number} value={version.number}>
                {version.number}
              </option>
            ))}
          </select>
        </div>
      )}
      {left.data && right.data && <CompareView left={left.data} right={right.data} />}
    </section>
  );
}
