import { NEGOTIATION_KINDS, NEGOTIATION_STATUSES, type NegotiationKind, type NegotiationStatus } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useCommittee } from '../../committees/index.ts';
import { canEditRegisters, ExportButtons, RegisterTabs, StateView } from '../components/register-ui.tsx';
import { useNegotiations } from '../hooks/use-registers.ts';

export function NegotiationStatusBadge({ status }: { status: NegotiationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status badge--neg-${status}`}>{t(`registers.negotiations.status_${status}`)}</span>;
}

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** `/c/:committeeId/registers/negotiations`: tracks with their status, filters in the URL. */
export function NegotiationListPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const committee = useCommittee(committeeId);
  const list = useNegotiations(committeeId);
  const status = pick<NegotiationStatus>(NEGOTIATION_STATUSES, search.get('status'));
  const kind = pick<NegotiationKind>(NEGOTIATION_KINDS, search.get('kind'));
  const items = list.data?.filter((n) => (!status || n.status === status) && (!kind || n.kind === kind));
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return (
    <div className="register-page">
      <RegisterTabs committeeId={committeeId} current="negotiations" />
      <div className="page-header">
        <h1 id="page-title">{t('registers.negotiations.title')}</h1>
        {canEditRegisters(committee.data?.role) && (
          <Link className="button button--primary" to={`/c/${committeeId}/registers/negotiations/new`} data-testid="new-negotiation">
            <span aria-hidden="true">+</span> {t('registers.negotiations.new')}
          </Link>
        )}
      </div>
      <div className="register-filters">
        <label className="field field--inline">
          <span>{t('registers.status')}</span>
          <select name="status" value={status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('registers.all')}</option>
            {NEGOTIATION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`registers.negotiations.status_${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('registers.negotiations.kind')}</span>
          <select name="kind" value={kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">{t('registers.all')}</option>
            {NEGOTIATION_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`registers.negotiations.kind_${value}`)}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons committeeId={committeeId} list="negotiations" filters={{ status, kind }} />
      </div>
      <StateView state={viewStateOf(list)} empty={items?.length === 0} onRetry={() => void list.refetch()}>
        <p className="list-count" aria-live="polite">
          {t('registers.count', { count: items?.length ?? 0 })}
        </p>
        <ul className="register-rows" aria-labelledby="page-title">
          {items?.map((negotiation) => (
            <li key={negotiation.id} className="register-row" data-testid="negotiation-row" data-id={negotiation.id}>
              <Link
                className="register-row__title"
                to={`/c/${committeeId}/registers/negotiations/${negotiation.id}`}
                title={negotiation.title}
              >
                {negotiation.title}
              </Link>
              <span className="register-row__sub">{negotiation.counterpart}</span>
              <span className="register-row__meta">
                <span className="badge">{t(`registers.negotiations.kind_${negotiation.kind}`)}</span>
                <NegotiationStatusBadge status={negotiation.status} />
                <ClassificationBadge level={negotiation.classification} />
              </span>
            </li>
          ))}
        </ul>
      </StateView>
    </div>
  );
}
