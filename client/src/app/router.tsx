import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { RouteFallback } from './route-fallback.tsx';

const admin = () => import('../features/admin/components/admin-pages.tsx');

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
            lazy: () => import('../features/committees/components/committee-home.tsx').then((m) => ({ Component: m.CommitteeHomePage })),
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
            path: 'c/:committeeId/activity',
            lazy: () => import('../features/activity/components/activity-page.tsx').then((m) => ({ Component: m.ActivityPage })),
          },
          { path: 'c/:committeeId/members', lazy: () => admin().then((m) => ({ Component: m.ChairMembersPage })) },
          {
            path: 'c/:committeeId/meetings',
            lazy: () => import('../features/meetings/components/meetings-page.tsx').then((m) => ({ Component: m.MeetingsPage })),
          },
          {
            path: 'c/:committeeId/decisions',
            lazy: () => import('../features/meetings/components/decisions.tsx').then((m) => ({ Component: m.DecisionsRegisterPage })),
          },
          {
            path: 'c/:committeeId/meetings/:meetingId',
            lazy: () => import('../features/meetings/components/meeting-page.tsx').then((m) => ({ Component: m.MeetingPage })),
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
