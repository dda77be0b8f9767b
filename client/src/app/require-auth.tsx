import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, useProfileLocale } from '../features/auth/hooks/use-auth.ts';
import { useCommittees } from '../features/committees/hooks/use-committees.ts';
import { authStore, useAuthToken } from '../lib/auth/auth-store.ts';
import { RealtimeProvider } from '../lib/realtime/realtime-provider.tsx';

/** Everything under it needs a token; it also runs realtime for the user's committees. */
export function RequireAuth() {
  const token = useAuthToken();
  const location = useLocation();
  const committees = useCommittees();
  const me = useMe();
  const savedLocale = me.data?.locale;
  const userId = me.data?.id;

  // A session stored before user ids were: from now on its offline copy has an owner.
  useEffect(() => {
    if (userId && authStore.getUserId() === null) authStore.setUserId(userId);
  }, [userId]);

  useProfileLocale(savedLocale);

  if (!token) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return (
    <RealtimeProvider token={token} committeeIds={committees.data?.map((c) => c.id) ?? []}>
      <Outlet />
    </RealtimeProvider>
  );
}
