import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCommittee } from '../../committees/index.ts';
import { bilateral as bilateralRegister } from '../bilateral/bilateral-register.ts';
import { negotiations as negotiationsRegister } from '../negotiations/negotiation-register.ts';
import { rnd } from '../rnd/rnd-register.ts';
import '../i18n/load-strings.ts';

function Count({ n }: { n: number | undefined }) {
  // Sized before the data arrives: the cards do not move when the counts come in.
  return <span className="hub-card__count">{n ?? '\u00a0'}</span>;
}

/**
 * `/c/:committeeId/registers`: the three registers; on a phone also the "More" page, with what
 * the bottom bar does not hold (activity, members).
 */
export function RegistersHomePage() {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const bilateral = bilateralRegister.useList(committeeId);
  const negotiations = negotiationsRegister.useList(committeeId);
  const projects = rnd.useList(committeeId);
  const slipping = projects.data?.filter((p) => p.slipping).length ?? 0;
  const base = `/c/${committeeId}`;
  return (
    <div className="register-page registers-home">
      <h1 id="page-title">{t('registers.title')}</h1>
      <ul className="hub-cards" aria-labelledby="page-title">
        <li>
          <Link className="hub-card" to={`${base}/registers/bilateral`}>
            <span className="hub-card__title">{t('registers.bilateral.title')}</span>
            <Count n={bilateral.data?.length} />
          </Link>
        </li>
        <li>
          <Link className="hub-card" to={`${base}/registers/negotiations`}>
            <span className="hub-card__title">{t('registers.negotiations.title')}</span>
            <Count n={negotiations.data?.length} />
          </Link>
        </li>
        <li>
          <Link className="hub-card" to={`${base}/registers/rnd`}>
            <span className="hub-card__title">{t('registers.rnd.title')}</span>
            <Count n={projects.data?.length} />
            {slipping > 0 && <span className="badge badge--slipping">{t('registers.rnd.slippingCount', { count: slipping })}</span>}
          </Link>
        </li>
      </ul>
      <nav className="more-links" aria-label={t('registers.more')}>
        <h2>{t('registers.more')}</h2>
        <ul>
          <li>
            <Link to={`${base}/activity`}>{t('nav.activity')}</Link>
          </li>
          <li>
            <Link to={`${base}/reports`}>{t('nav.reports')}</Link>
          </li>
          {committee.data?.role === 'chair' && (
            <li>
              <Link to={`${base}/members`}>{t('admin.nav.members')}</Link>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}
