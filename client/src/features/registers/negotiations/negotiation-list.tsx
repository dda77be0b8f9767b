import { NEGOTIATION_KINDS, NEGOTIATION_STATUSES, type NegotiationStatus } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { FilterSelect, pick, RegisterListPage, RowLink, useUrlFilters } from '../components/register-list.tsx';
import { negotiations } from './negotiation-register.ts';

export function NegotiationStatusBadge({ status }: { status: NegotiationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status badge--neg-${status}`}>{t(`registers.negotiations.status_${status}`)}</span>;
}

/** `/c/:committeeId/registers/negotiations`: tracks with their status, filters in the URL. */
export function NegotiationListPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const { search, setFilter } = useUrlFilters();
  const list = negotiations.useList(committeeId);
  const status = pick(NEGOTIATION_STATUSES, search.get('status'));
  const kind = pick(NEGOTIATION_KINDS, search.get('kind'));
  return (
    <RegisterListPage
      register={negotiations}
      committeeId={committeeId}
      list={list}
      items={list.data?.filter((n) => (!status || n.status === status) && (!kind || n.kind === kind))}
      exportFilters={{ status, kind }}
      filters={
        <>
          <FilterSelect
            name="status"
            label={t('registers.status')}
            value={status}
            onChange={(value) => setFilter('status', value)}
            options={NEGOTIATION_STATUSES.map((value) => ({ value, label: t(`registers.negotiations.status_${value}`) }))}
          />
          <FilterSelect
            name="kind"
            label={t('registers.negotiations.kind')}
            value={kind}
            onChange={(value) => setFilter('kind', value)}
            options={NEGOTIATION_KINDS.map((value) => ({ value, label: t(`registers.negotiations.kind_${value}`) }))}
          />
        </>
      }
      row={(negotiation) => (
        <>
          <RowLink register={negotiations} record={negotiation} text={negotiation.title} />
          <span className="register-row__sub">{negotiation.counterpart}</span>
          <ClassificationBadge level={negotiation.classification} />
          <span className="register-row__meta">
            <span className="badge">{t(`registers.negotiations.kind_${negotiation.kind}`)}</span>
            <NegotiationStatusBadge status={negotiation.status} />
          </span>
        </>
      )}
    />
  );
}
