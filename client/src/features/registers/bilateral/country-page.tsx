import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatIsoDate } from '../../../lib/dates.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useCommittee } from '../../committees/index.ts';
import { BackLink, canEditRegisters, countryName, flagOf, StateView } from '../components/register-ui.tsx';
import { useAgreements, useCountryCommitments } from '../hooks/use-registers.ts';
import { AgreementRow } from './agreements.tsx';
import { LevelBadge } from './bilateral-list.tsx';
import { bilateral } from './bilateral-register.ts';
import { CommitmentRow } from './commitments.tsx';

/** `/c/:committeeId/registers/countries/:code`: one partner — engagements, open commitments, agreements. */
export function CountryPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '', code = '' } = useParams();
  const country = code.toUpperCase();
  const committee = useCommittee(committeeId);
  const canEdit = canEditRegisters(committee.data?.role);
  const meetings = bilateral.useList(committeeId);
  const agreements = useAgreements(committeeId);
  const commitments = useCountryCommitments(committeeId, country);
  const engagements = (meetings.data ?? []).filter((m) => m.country === country);
  const countryAgreements = (agreements.data ?? []).filter((a) => a.country === country);
  const name = countryName(country, i18n.language);
  const base = `/c/${committeeId}/registers/bilateral`;

  return (
    <article className="detail country-page" aria-labelledby="country-title">
      <BackLink to={base} text={t('registers.bilateral.title')} />
      <h1 id="country-title">
        <span aria-hidden="true">{flagOf(country)}</span> {name} <span className="muted">({country})</span>
      </h1>

      <section className="register-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="register-section__title">
          {t('registers.country.timeline')}
        </h2>
        <StateView state={viewStateOf(meetings)} onRetry={() => void meetings.refetch()} rows={3}>
          {engagements.length === 0 ? (
            <p className="muted">{t('registers.country.noEngagements')}</p>
          ) : (
            <ol className="timeline" data-testid="country-timeline">
              {engagements.map((meeting) => (
                <li key={meeting.id} className="timeline__item" data-testid="timeline-item">
                  <time dateTime={meeting.date}>{formatIsoDate(meeting.date, i18n.language)}</time>
                  <Link to={`${base}/${meeting.id}`}>{meeting.counterpart}</Link>
                  <LevelBadge level={meeting.level} />
                  <ClassificationBadge level={meeting.classification} />
                </li>
              ))}
            </ol>
          )}
        </StateView>
      </section>

      <section className="register-section" aria-labelledby="open-commitments-title">
        <h2 id="open-commitments-title" className="register-section__title">
          {t('registers.country.openCommitments')}
        </h2>
        <StateView state={viewStateOf(commitments)} onRetry={() => void commitments.refetch()} rows={2}>
          {(commitments.data ?? []).length === 0 ? (
            <p className="muted">{t('registers.bilateral.noCommitments')}</p>
          ) : (
            <ul className="commitment-list">
              {commitments.data?.map((commitment) => (
                <CommitmentRow key={commitment.id} commitment={commitment} canEdit={canEdit} />
              ))}
            </ul>
          )}
        </StateView>
      </section>

      <section className="register-section" aria-labelledby="country-agreements-title">
        <h2 id="country-agreements-title" className="register-section__title">
          {t('registers.agreements.title')}
        </h2>
        <StateView state={viewStateOf(agreements)} onRetry={() => void agreements.refetch()} rows={2}>
          {countryAgreements.length === 0 ? (
            <p className="muted">{t('registers.agreements.none')}</p>
          ) : (
            <ul className="agreement-list">
              {countryAgreements.map((agreement) => (
                <AgreementRow key={agreement.id} agreement={agreement} canEdit={canEdit} />
              ))}
            </ul>
          )}
        </StateView>
      </section>
    </article>
  );
}
