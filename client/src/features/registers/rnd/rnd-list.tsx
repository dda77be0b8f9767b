import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { useCommittee } from '../../committees/index.ts';
import { canEditRegisters, ExportButtons, RegisterTabs, StateView } from '../components/register-ui.tsx';
import { useRndProjects, useValueChainStages } from '../hooks/use-registers.ts';
import { SlippingFlag, stageName, TrlBar } from './rnd-ui.tsx';

/** `/c/:committeeId/registers/rnd`: projects with TRL progress, stage and slippage. */
export function RndListPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const committee = useCommittee(committeeId);
  const list = useRndProjects(committeeId);
  const stages = useValueChainStages();
  const slipping = search.get('slipping') === 'true';
  const stage = search.get('stage') || undefined;
  const items = list.data?.filter((p) => (!slipping || p.slipping) && (!stage || p.valueChainStage === stage));
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return (
    <div className="register-page">
      <RegisterTabs committeeId={committeeId} current="rnd" />
      <div className="page-header">
        <h1 id="page-title">{t('registers.rnd.title')}</h1>
        {canEditRegisters(committee.data?.role) && (
          <Link className="button button--primary" to={`/c/${committeeId}/registers/rnd/new`} data-testid="new-rnd">
            <span aria-hidden="true">+</span> {t('registers.rnd.new')}
          </Link>
        )}
      </div>
      <div className="register-filters">
        <label className="check">
          <input
            type="checkbox"
            name="slipping"
            checked={slipping}
            onChange={(e) => setFilter('slipping', e.target.checked ? 'true' : '')}
          />
          {t('registers.rnd.slippingOnly')}
        </label>
        <label className="field field--inline">
          <span>{t('registers.rnd.stage')}</span>
          <select name="stage" value={stage ?? ''} onChange={(e) => setFilter('stage', e.target.value)}>
            <option value="">{t('registers.all')}</option>
            {(stages.data ?? []).map((s) => (
              <option key={s.code} value={s.code}>
                {i18n.language === 'ms' ? s.nameMs : s.nameEn}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons
          committeeId={committeeId}
          list="rnd-projects"
          filters={{ slipping: slipping ? 'true' : undefined, valueChainStage: stage }}
        />
      </div>
      <StateView state={viewStateOf(list)} empty={items?.length === 0} onRetry={() => void list.refetch()}>
        <p className="list-count" aria-live="polite">
          {t('registers.count', { count: items?.length ?? 0 })}
        </p>
        <ul className="register-rows" aria-labelledby="page-title">
          {items?.map((project) => (
            <li key={project.id} className="register-row" data-testid="rnd-row" data-id={project.id}>
              <Link className="register-row__title" to={`/c/${committeeId}/registers/rnd/${project.id}`} title={project.title}>
                {project.title}
              </Link>
              <span className="register-row__sub">
                {project.leadInstitution}
                {project.valueChainStage && <> · {stageName(stages.data, project.valueChainStage, i18n.language)}</>}
              </span>
              <span className="register-row__meta">
                <TrlBar now={project.trlNow} target={project.trlTarget} />
                {project.slipping && <SlippingFlag />}
                <ClassificationBadge level={project.classification} />
              </span>
            </li>
          ))}
        </ul>
      </StateView>
    </div>
  );
}
