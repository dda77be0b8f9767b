import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { FilterSelect, RegisterListPage, RowLink, useUrlFilters } from '../components/register-list.tsx';
import { useValueChainStages } from '../hooks/use-registers.ts';
import { rnd } from './rnd-register.ts';
import { SlippingFlag, stageName, TrlBar } from './rnd-ui.tsx';

/** `/c/:committeeId/registers/rnd`: projects with TRL progress, stage and slippage. */
export function RndListPage() {
  const { t, i18n } = useTranslation();
  const { committeeId = '' } = useParams();
  const { search, setFilter } = useUrlFilters();
  const list = rnd.useList(committeeId);
  const stages = useValueChainStages();
  const slipping = search.get('slipping') === 'true';
  const stage = search.get('stage') || undefined;
  return (
    <RegisterListPage
      register={rnd}
      committeeId={committeeId}
      list={list}
      items={list.data?.filter((p) => (!slipping || p.slipping) && (!stage || p.valueChainStage === stage))}
      exportFilters={{ slipping: slipping ? 'true' : undefined, valueChainStage: stage }}
      filters={
        <>
          <label className="check">
            <input
              type="checkbox"
              name="slipping"
              checked={slipping}
              onChange={(e) => setFilter('slipping', e.target.checked ? 'true' : '')}
            />
            {t('registers.rnd.slippingOnly')}
          </label>
          <FilterSelect
            name="stage"
            label={t('registers.rnd.stage')}
            value={stage}
            onChange={(value) => setFilter('stage', value)}
            options={(stages.data ?? []).map((s) => ({ value: s.code, label: i18n.language === 'ms' ? s.nameMs : s.nameEn }))}
          />
        </>
      }
      row={(project) => (
        <>
          <RowLink register={rnd} record={project} text={project.title} />
          <span className="register-row__sub">
            {project.leadInstitution}
            {project.valueChainStage && <> · {stageName(stages.data, project.valueChainStage, i18n.language)}</>}
          </span>
          <ClassificationBadge level={project.classification} />
          <TrlBar now={project.trlNow} target={project.trlTarget} />
          <span className="register-row__meta">{project.slipping && <SlippingFlag />}</span>
        </>
      )}
    />
  );
}
