import { BILATERAL_MEETING_LEVELLED_FIELDS } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RegisterDetail, RegisterEditPage, RegisterNewPage } from '../components/register-pages.tsx';
import { ClassifiedSection, CountryTag, countryName, StateView } from '../components/register-ui.tsx';
import { useAgreements } from '../hooks/use-registers.ts';
import { AddAgreement, AgreementRow } from './agreements.tsx';
import { LevelBadge } from './bilateral-list.tsx';
import { bilateral } from './bilateral-register.ts';
import { Commitments } from './commitments.tsx';

export function BilateralDetailPage() {
  const { t, i18n } = useTranslation();
  const { committeeId, record, blocker, committee, canEdit } = bilateral.useRecordPage();
  const agreements = useAgreements(committeeId);
  if (blocker || !record) return blocker;
  const withheld = (field: string) => (record.redactedFields as readonly string[] | undefined)?.includes(field) ?? false;
  const related = (agreements.data ?? []).filter((a) => a.bilateralMeetingId === record.id);
  return (
    <RegisterDetail
      register={bilateral}
      record={record}
      role={committee?.role}
      title={t('registers.bilateral.heading', { counterpart: record.counterpart, country: countryName(record.country, i18n.language) })}
      badges={
        <>
          <CountryTag code={record.country} committeeId={committeeId} />
          <LevelBadge level={record.level} />
          <ClassificationBadge level={record.classification} />
        </>
      }
    >
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
      {BILATERAL_MEETING_LEVELLED_FIELDS.map((field) => (
        <ClassifiedSection
          key={field}
          name={field}
          title={t(`registers.bilateral.${field}`)}
          value={record[field]}
          level={record.fieldClassifications[field]}
          withheld={withheld(field)}
        />
      ))}
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
    </RegisterDetail>
  );
}

export const BilateralEditPage = () => <RegisterEditPage register={bilateral} />;
export const BilateralNewPage = () => <RegisterNewPage register={bilateral} />;
