import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { RouteFallback } from './route-fallback.tsx';

/**
 * A page's module with its feature's style sheet: the admin and register pages do not import
 * their sheet themselves, so their routes load it beside the page (in the same round trip).
 */
function withSheet<M>(page: Promise<M>, sheet: Promise<unknown>): Promise<M> {
  return Promise.all([page, sheet]).then(([module]) => module);
}
const registersSheet = () => import('../features/registers/registers.css');
const admin = () => withSheet(import('../features/admin/components/admin-pages.tsx'), import('../features/admin/admin.css'));
const bilateral = () => withSheet(import('../features/registers/bilateral/bilateral-pages.tsx'), registersSheet());
const negotiations = () => withSheet(import('../features/registers/negotiations/negotiation-pages.tsx'), registersSheet());
const rnd = () => withSheet(import('../features/registers/rnd/rnd-pages.tsx'), registersSheet());

// Every signed-in page is its own chunk: the sign-in page loads no app code, and a signed-in
// route loads the shell and its own page in parallel. The first paint waits for both (no
// half-drawn page that then shifts); a later navigation keeps the current page on screen until
// the next is in. The sign-in page itself is in the entry (about 1 KiB; what it uses, every page
// uses): a new visitor's first screen draws without a second round of requests.
export const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
  {
    hydrateFallbackElement: <RouteFallback />,
    lazy: () => import('./require-auth.tsx').then((m) => ({ Component: m.RequireAuth })),
    children: [
      // The room's screen: large type, no app chrome.
      {
        path: 'c/:committeeId/meetings/:meetingId/projector',
        lazy: () => import('../features/meetings/components/projector-page.tsx').then((m) => ({ Component: m.ProjectorPage })),
      },
      {
        lazy: () => import('./layout/app-shell.tsx').then((m) => ({ Component: m.AppShell })),
        children: [
          { index: true, lazy: () => admin().then((m) => ({ Component: m.HomeRedirect })) },
          {
            path: 'c/:committeeId',
            lazy: () => import('../features/home/components/home-page.tsx').then((m) => ({ Component: m.HomePage })),
          },
          {
            path: 'c/:committeeId/actions',
            lazy: () => import('../features/action-items/components/action-items-page.tsx').then((m) => ({ Component: m.ActionItemsPage })),
          },
          {
            path: 'c/:committeeId/actions/new',
            lazy: () =>
              import('../features/action-items/components/action-item-pages.tsx').then((m) => ({ Component: m.ActionItemNewPage })),
          },
          {
            path: 'c/:committeeId/actions/:id',
            lazy: () =>
              import('../features/action-items/components/action-item-pages.tsx').then((m) => ({ Component: m.ActionItemDetailPage })),
          },
          {
            path: 'c/:committeeId/actions/:id/edit',
            lazy: () =>
              import('../features/action-items/components/action-item-pages.tsx').then((m) => ({ Component: m.ActionItemEditPage })),
          },
          {
            path: 'c/:committeeId/search',
            lazy: () => import('../features/search/components/search-page.tsx').then((m) => ({ Component: m.SearchPage })),
          },
          {
            path: 'c/:committeeId/activity',
            lazy: () => import('../features/activity/components/activity-page.tsx').then((m) => ({ Component: m.ActivityPage })),
          },
          { path: 'c/:committeeId/members', lazy: () => admin().then((m) => ({ Component: m.ChairMembersPage })) },
          {
            path: 'c/:committeeId/meetings',
            lazy: () => import('../features/meetings/components/meetings-page.tsx').then((m) => ({ Component: m.MeetingsPage })),
          },
          {
            path: 'c/:committeeId/reports',
            lazy: () => import('../features/reports/components/reports-page.tsx').then((m) => ({ Component: m.ReportsPage })),
          },
          {
            path: 'c/:committeeId/decisions',
            lazy: () => import('../features/meetings/components/decisions.tsx').then((m) => ({ Component: m.DecisionsRegisterPage })),
          },
          {
            path: 'c/:committeeId/resolutions',
            lazy: () => import('../features/deciding/components/resolution-pages.tsx').then((m) => ({ Component: m.ResolutionsPage })),
          },
          {
            path: 'c/:committeeId/resolutions/:resolutionId',
            lazy: () => import('../features/deciding/components/resolution-pages.tsx').then((m) => ({ Component: m.ResolutionPage })),
          },
          {
            path: 'c/:committeeId/meetings/:meetingId',
            lazy: () => import('../features/meetings/components/meeting-page.tsx').then((m) => ({ Component: m.MeetingPage })),
          },
          {
            path: 'c/:committeeId/meetings/:meetingId/papers/:documentId',
            lazy: () =>
              import('../features/meetings/components/paper-viewer/paper-viewer-page.tsx').then((m) => ({ Component: m.PaperViewerPage })),
          },
          {
            path: 'c/:committeeId/registers',
            lazy: () =>
              withSheet(import('../features/registers/components/registers-home.tsx'), registersSheet()).then((m) => ({
                Component: m.RegistersHomePage,
              })),
          },
          {
            path: 'c/:committeeId/registers/bilateral',
            lazy: () =>
              withSheet(import('../features/registers/bilateral/bilateral-list.tsx'), registersSheet()).then((m) => ({
                Component: m.BilateralListPage,
              })),
          },
          { path: 'c/:committeeId/registers/bilateral/new', lazy: () => bilateral().then((m) => ({ Component: m.BilateralNewPage })) },
          { path: 'c/:committeeId/registers/bilateral/:id', lazy: () => bilateral().then((m) => ({ Component: m.BilateralDetailPage })) },
          {
            path: 'c/:committeeId/registers/bilateral/:id/edit',
            lazy: () => bilateral().then((m) => ({ Component: m.BilateralEditPage })),
          },
          {
            path: 'c/:committeeId/registers/countries/:code',
            lazy: () =>
              withSheet(import('../features/registers/bilateral/country-page.tsx'), registersSheet()).then((m) => ({
                Component: m.CountryPage,
              })),
          },
          {
            path: 'c/:committeeId/registers/negotiations',
            lazy: () =>
              withSheet(import('../features/registers/negotiations/negotiation-list.tsx'), registersSheet()).then((m) => ({
                Component: m.NegotiationListPage,
              })),
          },
          {
            path: 'c/:committeeId/registers/negotiations/new',
            lazy: () => negotiations().then((m) => ({ Component: m.NegotiationNewPage })),
          },
          {
            path: 'c/:committeeId/registers/negotiations/:id',
            lazy: () => negotiations().then((m) => ({ Component: m.NegotiationDetailPage })),
          },
          {
            path: 'c/:committeeId/registers/negotiations/:id/edit',
            lazy: () => negotiations().then((m) => ({ Component: m.NegotiationEditPage })),
          },
          {
            path: 'c/:committeeId/registers/rnd',
            lazy: () =>
              withSheet(import('../features/registers/rnd/rnd-list.tsx'), registersSheet()).then((m) => ({ Component: m.RndListPage })),
          },
          { path: 'c/:committeeId/registers/rnd/new', lazy: () => rnd().then((m) => ({ Component: m.RndNewPage })) },
          { path: 'c/:committeeId/registers/rnd/:id', lazy: () => rnd().then((m) => ({ Component: m.RndDetailPage })) },
          { path: 'c/:committeeId/registers/rnd/:id/edit', lazy: () => rnd().then((m) => ({ Component: m.RndEditPage })) },
          {
            path: 'c/:committeeId/meetings/:meetingId/minutes',
            lazy: () => import('../features/minutes/components/minutes-page.tsx').then((m) => ({ Component: m.MinutesPage })),
          },
          {
            path: 'settings/security',
            lazy: () => import('../features/auth/components/security-page.tsx').then((m) => ({ Component: m.SecurityPage })),
          },
          {
            path: 'settings/notifications',
            lazy: () =>
              import('../features/notifications/components/notification-preferences-page.tsx').then((m) => ({
                Component: m.NotificationPreferencesPage,
              })),
          },
          {
            path: 'admin',
            lazy: () => admin().then((m) => ({ Component: m.AdminLayout })),
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              {
                path: 'users',
                lazy: () => import('../features/admin/components/users-page.tsx').then((m) => ({ Component: m.UsersPage })),
              },
              {
                path: 'committees',
                lazy: () => import('../features/admin/components/committees-page.tsx').then((m) => ({ Component: m.CommitteesPage })),
              },
              { path: 'committees/:id/members', lazy: () => admin().then((m) => ({ Component: m.AdminMembersPage })) },
            ],
          },
          { path: '*', lazy: () => import('./not-found.tsx').then((m) => ({ Component: m.NotFound })) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
