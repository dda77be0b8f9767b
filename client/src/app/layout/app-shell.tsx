import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigationType, useParams } from 'react-router';
import { canManageActionItems } from '../../features/action-items/hooks/permissions.ts';
import { LanguageSwitch } from '../../features/auth/components/language-switch.tsx';
import { useMe, useSignOut } from '../../features/auth/hooks/use-auth.ts';
import { CommitteeSwitcher } from '../../features/committees/components/committee-switcher.tsx';
import { useCommittee, useCommitteeName, useCommittees } from '../../features/committees/hooks/use-committees.ts';
import { NotificationBell } from '../../features/notifications/index.ts';
import { SearchBox } from '../../features/search/components/search-box.tsx';
import { useAfterFirstPaint } from '../../lib/after-next-paint.ts';
import { ClassificationBadge } from '../../lib/ui/badges.tsx';
import { AccessBanner } from './access-banner.tsx';

// Loaded once the first screen has painted (useAfterFirstPaint): it says something only while the
// MFA policy holds records back, and asked for during the first render its script, its strings and
// its request would come before the list's paint.
const SecondFactorBanner = lazy(() =>
  import('../../features/auth/components/second-factor-banner.tsx').then((m) => ({ default: m.SecondFactorBanner })),
);

import { ConnectionIndicator } from './connection-indicator.tsx';
import { UpdateBanner } from './update-banner.tsx';

function Icon({ path }: { path: string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
const ICONS = {
  home: 'M3 11 12 3l9 8M5 10v10h5v-6h4v6h5V10',
  actions: 'M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2',
  new: 'M12 5v14M5 12h14',
  activity: 'M3 12h4l3-8 4 16 3-8h4',
  members: 'M16 20v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8M22 20v-2a4 4 0 0 0-3-3.9M16 2.1a4 4 0 0 1 0 7.8',
  admin: 'M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5l-8-3Z',
  menu: 'M4 7h16M4 12h16M4 17h16',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14ZM21 21l-5-5',
  registers: 'M4 4h16v16H4zM4 9h16M4 14h16M9 4v16',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  reports: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
};

interface NavItem {
  to: string;
  label: string;
  icon: string;
  end: boolean;
  /** Paths under `to` that belong to another item (so only one item is active at a time). */
  except?: string[];
  /** Other paths this item stands for (the phone's "More" stands for what it gathers). */
  also?: string[];
  /** Only in the side navigation (desktop) or only in the bottom bar (phone); default both. */
  place?: 'side' | 'bottom';
}

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/** Whether a navigation item stands for the page at `pathname`: exactly one item does. */
export function isNavItemActive(link: Pick<NavItem, 'to' | 'end' | 'except' | 'also'>, pathname: string): boolean {
  const matches = link.end ? pathname === link.to || pathname === `${link.to}/` : within(pathname, link.to);
  if ((link.also ?? []).some((path) => within(pathname, path))) return true;
  return matches && !(link.except ?? []).some((path) => within(pathname, path));
}

function ShellLink({ link, className }: { link: NavItem; className: string }) {
  const { pathname } = useLocation();
  const active = isNavItemActive(link, pathname);
  return (
    <Link to={link.to} className={active ? `${className} active` : className} aria-current={active ? 'page' : undefined}>
      <Icon path={link.icon} />
      <span>{link.label}</span>
    </Link>
  );
}

/** A page opened by a link starts at its top, not where the previous page was scrolled to. */
function useScrollToTopOnNavigate(): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pathname is what triggers the scroll.
  useEffect(() => {
    // Back and forward keep the browser's own restored position.
    if (navigationType !== 'POP') window.scrollTo({ top: 0, left: 0 });
  }, [pathname, navigationType]);
}

/** Header, navigation (side on desktop, bottom bar on phones), and the page. */
export function AppShell() {
  const { t } = useTranslation();
  const { committeeId } = useParams();
  useScrollToTopOnNavigate();
  const accountId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // The phone's account menu closes when the page changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pathname is what closes it.
  useEffect(() => setMenuOpen(false), [pathname]);
  const me = useMe();
  const committees = useCommittees();
  const committee = useCommittee(committeeId);
  const name = useCommitteeName();
  const signOut = useSignOut();
  const canCreate = canManageActionItems(committee.data?.role);
  const afterFirstPaint = useAfterFirstPaint();
  const base = committeeId ? `/c/${committeeId}` : undefined;

  const links: NavItem[] = base
    ? [
        { to: base, label: t('nav.home'), icon: ICONS.home, end: true },
        // Details and edits are part of "Actions"; the new-action form is its own item.
        { to: `${base}/actions`, label: t('nav.actions'), icon: ICONS.actions, end: false, except: [`${base}/actions/new`] },
        {
          to: `${base}/meetings`,
          label: t('nav.meetings'),
          icon: 'M8 2v4M16 2v4M3 10h18M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z',
          end: false,
        },
        { to: `${base}/registers`, label: t('registers.nav'), icon: ICONS.registers, end: false, place: 'side' as const },
        { to: `${base}/resolutions`, label: t('nav.resolutions'), icon: ICONS.activity, end: false, place: 'side' as const },
        ...(canCreate ? [{ to: `${base}/actions/new`, label: t('nav.new'), icon: ICONS.new, end: true }] : []),
        // On a phone, Activity, Members and the registers fold under "More": the bar keeps its size.
        { to: `${base}/activity`, label: t('nav.activity'), icon: ICONS.activity, end: true, place: 'side' as const },
        { to: `${base}/reports`, label: t('nav.reports'), icon: ICONS.reports, end: true, place: 'side' as const },
        ...(committee.data?.role === 'chair'
          ? [{ to: `${base}/members`, label: t('admin.nav.members'), icon: ICONS.members, end: true, place: 'side' as const }]
          : []),
        {
          to: `${base}/registers`,
          label: t('registers.more'),
          icon: ICONS.more,
          end: false,
          place: 'bottom' as const,
          also: [`${base}/activity`, `${base}/members`, `${base}/resolutions`, `${base}/reports`],
        },
      ]
    : [];
  if (me.data?.isAdmin) links.push({ to: '/admin', label: t('admin.nav.admin'), icon: ICONS.admin, end: false });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          {/* Always there, sized before the data arrives: nothing in the bar moves when it does. */}
          <span className="topbar__committee" title={committee.data ? name(committee.data) : undefined} data-testid="topbar-committee">
            {committee.data ? (
              <>
                <span className="topbar__code">{committee.data.code}</span>
                <span className="topbar__committee-name">{name(committee.data)}</span>
              </>
            ) : (
              committeeId && <span className="topbar__placeholder" aria-hidden="true" />
            )}
          </span>
          {committees.data && <CommitteeSwitcher committees={committees.data} currentId={committeeId} className="topbar__switcher" />}
        </div>
        {/* The desk's search box; a phone opens the search screen from the icon instead. */}
        <div className="topbar__search">
          <SearchBox variant="bar" />
        </div>
        <div className="topbar__tools">
          {base && (
            <Link to={`${base}/search`} className="button button--ghost button--small topbar__search-link" data-testid="search-link">
              <Icon path={ICONS.search} />
              <span className="visually-hidden">{t('search.open')}</span>
            </Link>
          )}
          <NotificationBell />
          <ConnectionIndicator committeeId={committeeId} />
          {/* On a phone these fold behind one button, so the bar stays a single row. */}
          <button
            type="button"
            className="button button--ghost button--small topbar__menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={accountId}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="account-menu-toggle"
          >
            <Icon path={ICONS.menu} />
            <span className="visually-hidden">{t('workspace.accountMenu')}</span>
          </button>
          <div className={menuOpen ? 'topbar__account topbar__account--open' : 'topbar__account'} id={accountId}>
            <span className="topbar__user" data-testid="topbar-user">
              {me.data ? (
                <>
                  <span className="topbar__user-name">{me.data.name}</span>
                  <span className="visually-hidden">{t('app.clearanceLabel')}</span>
                  <ClassificationBadge level={me.data.clearance} as="clearance" />
                  {committee.data && <span className="topbar__role">{t(`roles.${committee.data.role}`)}</span>}
                </>
              ) : (
                <span className="topbar__placeholder" aria-hidden="true" />
              )}
            </span>
            <LanguageSwitch />
            <Link to="/settings/security" className="button button--ghost button--small" data-testid="security-link">
              {t('auth.security.nav')}
            </Link>
            <button type="button" className="button button--ghost button--small" onClick={signOut}>
              {t('app.signOut')}
            </button>
          </div>
        </div>
      </header>

      <div className="shell__body">
        {links.length > 0 && (
          <nav className="sidenav" aria-label={t('app.mainNav')}>
            <ul>
              {links
                .filter((link) => link.place !== 'bottom')
                .map((link) => (
                  <li key={link.to}>
                    <ShellLink link={link} className="sidenav__link" />
                  </li>
                ))}
            </ul>
            {committees.data && committees.data.length > 1 && (
              <>
                <h2 className="sidenav__heading">{t('app.committees')}</h2>
                <ul>
                  {committees.data.map((c) => (
                    <li key={c.id}>
                      <NavLink to={`/c/${c.id}`} className="sidenav__link sidenav__link--small">
                        {c.code}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </nav>
        )}
        <main id="main" className="main" tabIndex={-1}>
          <UpdateBanner />
          <AccessBanner />
          {afterFirstPaint && (
            <Suspense fallback={null}>
              <SecondFactorBanner />
            </Suspense>
          )}
          <Outlet />
        </main>
      </div>

      {links.length > 0 && (
        <nav className="bottomnav" aria-label={t('app.mainNav')}>
          <ul>
            {links
              .filter((link) => link.place !== 'side')
              .map((link) => (
                <li key={link.to}>
                  <ShellLink link={link} className="bottomnav__link" />
                </li>
              ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
