import { LINKABLE_TYPES, type LinkableType } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api/api-context.tsx';
import { todayInCommitteeZone } from '../../lib/dates.ts';
import { viewStateOf } from '../../lib/offline/view-state.ts';
import { registerKeys } from '../../lib/query-keys.ts';
import { upsertRecord } from '../../lib/realtime/cache-apply.ts';
import { CLIENT_RECORD_TYPES, pageOf } from '../../lib/records/record-types.ts';
import { ClassificationBadge } from '../../lib/ui/badges.tsx';
import { RetryNotice } from '../../lib/ui/retry-notice.tsx';
import { actionItemsApi } from '../action-items/index.ts';
import { useSearch } from '../search/index.ts';
import { type LinkEntry, linksApi } from './links-api.ts';
import '../registers/i18n/load-strings.ts';
import './links.css';

/** Who may add and remove links (the server decides; the UI only offers it). */
export function canManageLinks(role: string | undefined): boolean {
  return role === 'chair' || role === 'secretariat' || role === 'member';
}

export function useLinks(recordId: string) {
  const api = useApi();
  return useQuery({ queryKey: registerKeys.links(recordId), queryFn: () => linksApi.list(api, recordId), enabled: Boolean(recordId) });
}

function TypeIcon({ type }: { type: LinkableType }) {
  const { t } = useTranslation();
  return (
    <span className="link-type" title={t(CLIENT_RECORD_TYPES[type].labelKey)}>
      <span aria-hidden="true">{CLIENT_RECORD_TYPES[type].icon}</span>
      <span className="visually-hidden">{t(CLIENT_RECORD_TYPES[type].labelKey)}</span>
    </span>
  );
}

interface Candidate {
  id: string;
  type: LinkableType;
  title: string;
}

const LINKABLE: ReadonlySet<string> = new Set(LINKABLE_TYPES);

/**
 * Finds any record of the committee a link may point to by its words, through `GET /api/search`
 * (debounced as you type): not only records in lists this client has loaded.
 */
function RecordPicker({
  committeeId,
  exclude,
  onPick,
  onClose,
  busy,
}: {
  committeeId: string;
  exclude: ReadonlySet<string>;
  onPick: (candidate: Candidate) => void;
  onClose: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const search = useSearch(q, LINKABLE_TYPES, committeeId);
  const matches: Candidate[] = search.items
    .filter((item) => LINKABLE.has(item.type) && item.committeeId === committeeId && !exclude.has(item.id))
    .slice(0, 8)
    .map((item) => ({ id: item.id, type: item.type as LinkableType, title: item.title }));
  const status = search.isError
    ? t('links.searchFailed')
    : search.pending
      ? t('app.loading')
      : search.searchable && matches.length === 0
        ? t('links.noMatch')
        : '';
  return (
    <div className="record-picker" data-testid="record-picker">
      <label htmlFor={`${id}-q`}>{t('links.search')}</label>
      <div className="record-picker__bar">
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && onClose()}
          aria-describedby={`${id}-status`}
        />
        <button type="button" className="button button--small" onClick={onClose}>
          {t('registers.cancel')}
        </button>
      </div>
      <p id={`${id}-status`} className="muted" aria-live="polite">
        {status}
      </p>
      {matches.length > 0 && (
        <ul className="record-picker__results">
          {matches.map((candidate) => (
            <li key={candidate.id}>
              <button type="button" className="record-picker__result" onClick={() => onPick(candidate)} disabled={busy}>
                <TypeIcon type={candidate.type} /> <span>{candidate.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Raises an action item from a record; the new item is linked to it (its origin). */
function RaiseAction({ recordId, committeeId, onDone }: { recordId: string; committeeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string>();
  const raise = useMutation({
    mutationFn: async () => {
      const item = await actionItemsApi.create(api, committeeId, { title: title.trim(), ...(dueDate ? { dueDate } : {}) });
      upsertRecord(queryClient, 'action-item', item);
      await linksApi.create(api, recordId, item.id);
      return item;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registerKeys.links(recordId) });
      onDone();
    },
    onError: () => setError(t('links.raiseFailed')),
  });
  return (
    <form
      className="raise-from-record"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) {
          setError(t('registers.required'));
          return;
        }
        setError(undefined);
        raise.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('links.actionTitle')}</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('links.actionDue')}</label>
        <input id={`${id}-due`} type="date" value={dueDate} min={todayInCommitteeZone()} onChange={(e) => setDueDate(e.target.value)} />
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small" disabled={raise.isPending} data-testid="raise-action-save">
          {t('links.raise')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('registers.cancel')}
        </button>
      </div>
    </form>
  );
}

export interface LinksPanelProps {
  recordId: string;
  committeeId: string;
  /** May add and remove links (the server decides). */
  canEdit: boolean;
  /** May raise an action item from this record. */
  canRaiseAction?: boolean;
}

/** The records linked to one record, both ways, as the reader may see them. */
export function LinksPanel({ recordId, committeeId, canEdit, canRaiseAction = false }: LinksPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const links = useLinks(recordId);
  const [mode, setMode] = useState<'idle' | 'pick' | 'raise'>('idle');
  const [error, setError] = useState<string>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: registerKeys.links(recordId) });
  const add = useMutation({
    mutationFn: (toId: string) => linksApi.create(api, recordId, toId),
    onSuccess: () => {
      setMode('idle');
      refresh();
    },
    onError: () => setError(t('links.failed')),
  });
  const remove = useMutation({
    mutationFn: (entry: LinkEntry) => linksApi.remove(api, entry.id),
    onSuccess: (_r, entry) => {
      queryClient.setQueryData<LinkEntry[]>(registerKeys.links(recordId), (old) => old?.filter((e) => e.id !== entry.id));
    },
    onError: () => setError(t('links.failed')),
  });
  const state = viewStateOf(links);
  const linked = new Set([recordId, ...(links.data ?? []).map((entry) => entry.recordId)]);

  return (
    <section className="links-panel" aria-labelledby={`links-${recordId}`} data-testid="links-panel">
      <div className="links-panel__header">
        <h2 id={`links-${recordId}`}>{t('links.title')}</h2>
        {mode === 'idle' && (
          <span className="links-panel__tools">
            {canEdit && (
              <button type="button" className="button button--small" onClick={() => setMode('pick')} data-testid="add-link">
                {t('links.add')}
              </button>
            )}
            {canRaiseAction && (
              <button
                type="button"
                className="button button--small"
                onClick={() => setMode('raise')}
                data-testid="raise-action-from-record"
              >
                {t('links.raiseAction')}
              </button>
            )}
          </span>
        )}
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {mode === 'pick' && (
        <RecordPicker
          committeeId={committeeId}
          exclude={linked}
          busy={add.isPending}
          onClose={() => setMode('idle')}
          onPick={(candidate) => {
            setError(undefined);
            add.mutate(candidate.id);
          }}
        />
      )}
      {mode === 'raise' && <RaiseAction recordId={recordId} committeeId={committeeId} onDone={() => setMode('idle')} />}
      {state === 'pending' ? (
        <p className="skeleton-row" role="status" aria-busy="true">
          <span className="visually-hidden">{t('app.loading')}</span>
        </p>
      ) : state === 'error' ? (
        <RetryNotice message={t('links.loadFailed')} onRetry={() => void links.refetch()} />
      ) : state === 'offline' ? (
        <p className="muted">{t('offline.notCached')}</p>
      ) : (links.data ?? []).length === 0 ? (
        <p className="muted" data-testid="links-empty">
          {t('links.none')}
        </p>
      ) : (
        <ul className="links-list">
          {links.data?.map((entry) => {
            const path = pageOf(entry.type, entry.committeeId, entry.recordId);
            return (
              <li key={entry.id} className="links-list__row" data-testid="link-row" data-id={entry.recordId}>
                <span className="links-list__direction" title={t(`links.${entry.direction}`)}>
                  <span aria-hidden="true">{entry.direction === 'outgoing' ? '→' : '←'}</span>
                  <span className="visually-hidden">{t(`links.${entry.direction}`)}</span>
                </span>
                <TypeIcon type={entry.type} />
                {path ? (
                  <Link to={path} className="links-list__title" title={entry.title}>
                    {entry.title}
                  </Link>
                ) : (
                  <span className="links-list__title" title={entry.title}>
                    {entry.title}
                  </span>
                )}
                <ClassificationBadge level={entry.classification} />
                {canEdit && (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => remove.mutate(entry)}
                    disabled={remove.isPending}
                    aria-label={t('links.remove', { title: entry.title })}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
