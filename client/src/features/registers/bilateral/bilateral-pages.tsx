import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useMe } from '../../auth/index.ts';
import { useCommittee } from '../../committees/index.ts';
import { canManageLinks, LinksPanel } from '../../links/index.ts';
import { useRecordBlocker } from '../components/record-page.tsx';
import { ClassifiedSection, CountryTag, canEditRegisters, countryName, StateView } from '../components/register-ui.tsx';
import { useAgreements, useBilateralMeeting, useDeleteBilateralMeeting, useRemoved } from '../hooks/use-registers.ts';
import { AddAgreement, AgreementRow } from './agreements.tsx';
import { BilateralCreator, BilateralEditor } from './bilateral-form.tsx';
import { LevelBadge } from './bilateral-list.tsx';
import { Commitments } from './commitments.tsx';

function useBilateralPage() {
  const { committeeId = '', id = '' } = useParams();
  const removed = useRemoved('bilateral-meeting', id);
  const record = useBilateralMeeting(id, !removed);
  const back = `/c/${committeeId}/registers/bilateral`;
  return { committeeId, back, record: record.data, ...useRecordBlocker(record, removed, committeeId, back) };
}

export function BilateralDetailPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { committeeId, back, record, blocker, committee } = useBilateralPage();
  const agreements = useAgreements(committeeId);
  const remove = useDeleteBilateralMeeting({ id: record?.id ?? '', committeeId });
  if (blocker || !record) return blocker;
  const canEdit = canEditRegisters(committee?.role);
  const withheld = (field: string) => (record.redactedFields as readonly string[] | undefined)?.includes(field) ?? false;
  const related = (agreements.data ?? []).filter((a) => a.bilateralMeetingId === record.id);
  const title = t('registers.bilateral.heading', { counterpart: record.counterpart, country: countryName(record.country, i18n.language) });
  return (
    <article className="detail register-detail" aria-labelledby="detail-title">
      <p>
        <Link to={back} className="back-link">
          <span aria-hidden="true">←</span> {t('registers.backToList')}
        </Link>
      </p>
      <header className="detail__header">
        <h1 id="detail-title">{title}</h1>
        <div className="detail__badges">
          <CountryTag code={record.country} committeeId={committeeId} />
          <LevelBadge level={record.level} />
          <ClassificationBadge level={record.classification} />
        </div>
        {canEdit && (
          <div className="detail__actions">
            <Link className="button" to={`${back}/${record.id}/edit`}>
              {t('registers.edit')}
            </Link>
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                window.confirm(t('registers.confirmDelete')) && remove.mutate(record.version, { onSuccess: () => navigate(back) })
              }
            >
              {t('registers.delete')}
            </button>
          </div>
        )}
      </header>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('registers.bilateral.date')}</dt>
          <dd>
            <time dateTime={record.date}>{formatIsoDate(record.date, i18n.language)}</time>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('registers.bilateral.place')}</dt>
          <dd>{record.place || t('registers.notRecorded')}</dd>
        </div>
      </dl>
      <ClassifiedSection
        name="ourDelegation"
        title={t('registers.bilateral.ourDelegation')}
        value={record.ourDelegation}
        level={record.fieldClassifications.ourDelegation}
        withheld={withheld('ourDelegation')}
      />
      <ClassifiedSection
        name="objectives"
        title={t('registers.bilateral.objectives')}
        value={record.objectives}
        level={record.fieldClassifications.objectives}
        withheld={withheld('objectives')}
      />
      <ClassifiedSection
        name="outcomes"
        title={t('registers.bilateral.outcomes')}
        value={record.outcomes}
        level={record.fieldClassifications.outcomes}
        withheld={withheld('outcomes')}
      />
      <Commitments bilateralMeetingId={record.id} canEdit={canEdit} />
      <section className="register-section" aria-labelledby="agreements-title">
        <h2 id="agreements-title" className="register-section__title">
          {t('registers.agreements.title')}
        </h2>
        <StateView state={viewStateOf(agreements)} onRetry={() => void agreements.refetch()} rows={1}>
          {related.length === 0 ? (
            <p className="muted">{t('registers.agreements.none')}</p>
          ) : (
            <ul className="agreement-list">
              {related.map((agreement) => (
                <AgreementRow key={agreement.id} agreement={agreement} canEdit={canEdit} />
              ))}
            </ul>
          )}
        </StateView>
        {canEdit && <AddAgreement committeeId={committeeId} country={record.country} bilateralMeetingId={record.id} />}
      </section>
      <LinksPanel recordId={record.id} committeeId={committeeId} canEdit={canManageLinks(committee?.role)} canRaiseAction={canEdit} />
    </article>
  );
}

export function BilateralEditPage() {
  const { t } = useTranslation();
  const { record, blocker, committee, clearance } = useBilateralPage();
  if (blocker || !record) return blocker;
  if (!canEditRegisters(committee?.role) || !clearance) return <p className="notice">{t('form.notAllowed')}</p>;
  return <BilateralEditor key={record.id} record={record} clearance={clearance} />;
}

export function BilateralNewPage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const me = useMe();
  if (committee.isPending || me.isPending)
    return (
      <StateView state="pending" onRetry={() => undefined} rows={5}>
        {null}
      </StateView>
    );
  if (!canEditRegisters(committee.data?.role) || !me.data) return <p className="notice">{t('form.notAllowed')}</p>;
  return <BilateralCreator committeeId={committeeId} clearance={me.data.clearance} />;
}
