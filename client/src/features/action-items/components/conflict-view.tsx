import type { ActionItem, Member } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { type ActionItemChanges, type ActionItemFieldName, FIELD_NAMES, fieldsChangedBetween } from '../hooks/form-values.ts';
import '../action-items.css';

export interface ConflictViewProps {
  /** The version the user started editing from. */
  base: ActionItem;
  /** The stored record, from the 409. */
  current: ActionItem;
  /** The user's changes relative to `base`. */
  mine: ActionItemChanges;
  members: readonly Member[];
  busy?: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}

export function ConflictView({ base, current, mine, members, busy, onReapply, onDiscard }: ConflictViewProps) {
  const { t, i18n } = useTranslation();
  const theirs = new Set(fieldsChangedBetween(base, current));
  const mineFields = new Set(Object.keys(mine) as ActionItemFieldName[]);
  const rows = FIELD_NAMES.filter((field) => theirs.has(field) || mineFields.has(field));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const overlap = rows.some((field) => theirs.has(field) && mineFields.has(field));

  const show = (field: ActionItemFieldName, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('conflict.empty');
    switch (field) {
      case 'status':
        return t(`status.${String(value)}`);
      case 'priority':
        return t(`priority.${String(value)}`);
      case 'classification':
        return t(`classification.${String(value)}`);
      case 'dueDate':
        return formatIsoDate(String(value), i18n.language);
      case 'ownerIds':
        return (value as string[]).map((userId) => names.get(userId) ?? t('detail.unknownUser')).join(', ');
      case 'ownerAgencies':
        return (value as string[]).join(', ');
      default:
        return String(value);
    }
  };

  return (
    <section className="conflict" data-testid="conflict-view" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.intro', { version: current.version })}</p>
      <div className="conflict__legend" id="conflict-legend-text" data-testid="conflict-legend">
        <h3 className="conflict__legend-title">{t('workspace.conflictLegend')}</h3>
        <ul>
          <li>{t('workspace.legendTheirs')}</li>
          <li>{t('workspace.legendYours')}</li>
          {overlap && (
            <li>
              <span className="conflict__key conflict__key--clash" aria-hidden="true" /> {t('workspace.legendClash')}
            </li>
          )}
        </ul>
      </div>
      <table className="conflict__table" aria-describedby="conflict-legend-text">
        <thead>
          <tr>
            <th scope="col">{t('conflict.field')}</th>
            <th scope="col">{t('conflict.theirs')}</th>
            <th scope="col">{t('conflict.yours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((field) => (
            <tr key={field} data-field={field} className={theirs.has(field) && mineFields.has(field) ? 'conflict__row--clash' : undefined}>
              <th scope="row">{t(`form.${field}`)}</th>
              <td data-label={t('conflict.theirs')}>{show(field, current[field])}</td>
              <td data-label={t('conflict.yours')}>{show(field, mineFields.has(field) ? mine[field] : base[field])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!overlap && <p className="muted">{t('conflict.noOverlap')}</p>}
      <div className="form__actions">
        <button type="button" className="button button--primary" data-testid="conflict-reapply" onClick={onReapply} disabled={busy}>
          {t('conflict.reapply')}
        </button>
        <button type="button" className="button" data-testid="conflict-discard" onClick={onDiscard} disabled={busy}>
          {t('conflict.discard')}
        </button>
      </div>
    </section>
  );
}
