import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { ActionItemDetailPage, ActionItemEditPage, ActionItemNewPage } from '../features/action-items/components/action-item-pages.tsx';
import { ActionItemsPage } from '../features/action-items/components/action-items-page.tsx';
import { ActivityPage } from '../features/activity/components/activity-page.tsx';
import { AdminLayout, AdminMembersPage, ChairMembersPage, HomeRedirect } from '../features/admin/components/admin-pages.tsx';
import { CommitteesPage } from '../features/admin/components/committees-page.tsx';
import { UsersPage } from '../features/admin/components/users-page.tsx';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { CommitteeHomePage } from '../features/committees/components/committee-home.tsx';
import { MeetingPage } from '../features/meetings/components/meeting-page.tsx';
import { MeetingsPage } from '../features/meetings/components/meetings-page.tsx';
import { ProjectorPage } from '../features/meetings/components/projector-page.tsx';
import { AppShell } from './layout/app-shell.tsx';
import { NotFound } from './not-found.tsx';
import { RequireAuth } from './require-auth.tsx';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      // The room's screen: large type, no app chrome.
      { path: 'c/:committeeId/meetings/:meetingId/projector', element: <ProjectorPage /> },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'c/:committeeId', element: <CommitteeHomePage /> },
          { path: 'c/:committeeId/actions', element: <ActionItemsPage /> },
          { path: 'c/:committeeId/actions/new', element: <ActionItemNewPage /> },
          { path: 'c/:committeeId/actions/:id', element: <ActionItemDetailPage /> },
          { path: 'c/:committeeId/actions/:id/edit', element: <ActionItemEditPage /> },
          { path: 'c/:committeeId/activity', element: <ActivityPage /> },
          { path: 'c/:committeeId/meetings', element: <MeetingsPage /> },
          { path: 'c/:committeeId/meetings/:meetingId', element: <MeetingPage /> },
          { path: 'c/:committeeId/members', element: <ChairMembersPage /> },
          {
            path: 'admin',
            element: <AdminLayout />,
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'committees', element: <CommitteesPage /> },
              { path: 'committees/:id/members', element: <AdminMembersPage /> },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
