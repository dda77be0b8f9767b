import type { CommitteeHome, MyHome, Role } from '@sidang/shared';
import { type KeyboardEvent, lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { type ViewState, viewStateOf } from '../../../lib/offline/view-state.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { isNoAccess, NoAccessNotice, useCommittee, useCommitteeName } from '../../committees/index.ts';
import { useCommitteeHome, useMyHome } from '../hooks/use-home.ts';
import { CommitteeView } from './committee-view.tsx';
import { ForMeView } from './for-me.tsx';
import { OtherCommittees } from './other-committees.tsx';
import '../home.css';

// Resolutions awaiting an answer load after the home's first screen (their own chunk).
const AwaitingResolutions = lazy(() => import('../../deciding/index.ts').then((m) => ({ default: m.AwaitingResolutions })));

const TABS = ['me', 'committee'] as const;
type Tab = (typeof TABS)[number];

/** The committee-wide view is the chair's and the secretariat's. */
export function seesCommitteeView(role: Role | undefined): boolean {
  return role === 'chair' || role === 'secretariat';
}

export interface HomeViewProps {
  committeeId: string;
  title: string;
  memberRole: Role | undefined;
  home: CommitteeHome | undefined;
  /** The caller's home across their committees, for the other committees' line each. */
  acrossCommittees?: MyHome;
  state: ViewState;
  onRetry: () => void;
  tab: Tab;
  onTab: (tab: Tab) => void;
  noAccess?: boolean;
}

/** The home of one committee: "For me", and for the chair and secretariat "Committee". */
export function HomeView({ committeeId, title, memberRole, home, acrossCommittees, state, onRetry, tab, onTab, noAccess }: HomeViewProps) {
  const { t } = useTranslation();
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  if (noAccess) {
    return (
      <div className="home">
        <h1 id="page-title">{t('app.committees')}</h1>
        <NoAccessNotice />
      </div>
    );
  }
  const tabs: Tab[] = seesCommitteeView(memberRole) ? [...TABS] : ['me'];
  const current: Tab = tabs.includes(tab) ? tab : 'me';
  const panel =
    state === 'error' || state === 'offline' ? null : current === 'committee' && home?.overview ? (
      <CommitteeView committeeId={committeeId} overview={home.overview} />
    ) : (
      <ForMeView committeeId={committeeId} home={home}>
        <Suspense fallback={null}>
          <AwaitingResolutions committeeId={committeeId} />
        </Suspense>
        <OtherCommittees committeeId={committeeId} home={acrossCommittees} />
      </ForMeView>
    );
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (tabs.indexOf(current) + step + tabs.length) % tabs.length;
    onTab(tabs[next] as Tab);
    tabRefs.current[next]?.focus();
  };
  return (
    <div className="home">
      <div className="home-head">
        <h1 id="page-title">{title}</h1>
        {tabs.length > 1 && (
          <div className="home-tabs" role="tablist" aria-label={t('home.tabs')} tabIndex={-1} onKeyDown={onKeyDown}>
            {tabs.map((name, index) => (
              <button
                key={name}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`home-tab-${name}`}
                aria-selected={current === name}
                aria-controls="home-panel"
                tabIndex={current === name ? 0 : -1}
                className="home-tabs__tab"
                onClick={() => onTab(name)}
                data-testid={`home-tab-${name}`}
              >
                {name === 'me' ? t('home.forMe') : t('home.committee')}
              </button>
            ))}
          </div>
        )}
      </div>
      {state === 'error' && <RetryNotice message={t('home.loadFailed')} onRetry={onRetry} />}
      {state === 'offline' && (
        <div className="notice" role="status" data-testid="offline-not-cached">
          <p>{t('offline.notCached')}</p>
        </div>
      )}
      {tabs.length > 1 ? (
        <div id="home-panel" role="tabpanel" aria-labelledby={`home-tab-${current}`}>
          {panel}
        </div>
      ) : (
        panel
      )}
    </div>
  );
}

/** `/c/:committeeId`. */
export function HomePage() {
  const { committeeId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const committee = useCommittee(committeeId);
  const home = useCommitteeHome(committeeId);
  // Across committees only once this one's home is drawn: it is second on the screen.
  const across = useMyHome(home.data !== undefined);
  const name = useCommitteeName();
  const tab: Tab = search.get('view') === 'committee' ? 'committee' : 'me';
  return (
    <HomeView
      committeeId={committeeId}
      title={committee.data ? name(committee.data) : ''}
      memberRole={committee.data?.role}
      home={home.data}
      acrossCommittees={across.data}
      state={viewStateOf(home)}
      onRetry={() => void home.refetch()}
      tab={tab}
      onTab={(next) => setSearch(next === 'committee' ? { view: 'committee' } : {}, { replace: true })}
      noAccess={isNoAccess(committee.error, home.error)}
    />
  );
}
