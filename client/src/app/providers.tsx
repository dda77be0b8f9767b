import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { type ApiClient, createApiClient, isApiError } from '../lib/api/api-client.ts';
import { ApiProvider } from '../lib/api/api-context.tsx';
import { authStore } from '../lib/auth/auth-store.ts';
import { i18n } from '../lib/i18n/i18n.ts';
import { bindQueryPersistence, defaultPersistStorage, PERSIST_MAX_AGE_MS } from '../lib/offline/query-persistence.ts';
import { installCacheGuards } from '../lib/realtime/cache-guards.ts';
import { registerDeviceCopies } from '../lib/realtime/device-copies.ts';
import { prefetchFirstScreen } from './prefetch.ts';

// Minutes typed offline and meeting packs kept for reading offline are on the device: they go
// with the access that allowed them.
registerDeviceCopies(async () => {
  const [minutes, packs] = await Promise.all([
    import('../features/minutes/collab/device-docs.ts'),
    import('../features/meetings/components/paper-viewer/pack-offline.ts'),
  ]);
  return {
    forgetCommitteeMinutes: (userId, committeeId) =>
      Promise.all([minutes.forgetCommitteeMinutes(userId, committeeId), packs.forgetCommitteePacks(userId, committeeId)]),
    forgetMinutesAbove: (userId, clearance) =>
      Promise.all([minutes.forgetMinutesAbove(userId, clearance), packs.forgetPacksAbove(userId, clearance)]),
    forgetMinutesOnDevice: (userId) => Promise.all([minutes.forgetMinutesOnDevice(userId), packs.forgetPacks(userId)]),
  };
});

export function createAppQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Kept in memory as long as on disk: a query dropped from memory would drop from the offline copy.
        gcTime: PERSIST_MAX_AGE_MS,
        // A 4xx will not get better by asking again.
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  // Records are merged by version on every write, and a 404 drops a cached record.
  installCacheGuards(queryClient);
  return queryClient;
}

export function createAppApiClient(): ApiClient {
  return createApiClient({ getToken: authStore.getToken, onUnauthorized: () => authStore.clear() });
}

interface ProvidersProps {
  children: ReactNode;
  queryClient?: QueryClient;
  api?: ApiClient;
}

export function AppProviders({ children, queryClient, api }: ProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api ?? defaultApi}>
        <QueryClientProvider client={queryClient ?? defaultQueryClient}>{children}</QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}

const defaultApi = createAppApiClient();
const defaultQueryClient = createAppQueryClient();
// Before the first render: pages opened earlier show from the device at once, even offline.
bindQueryPersistence(defaultQueryClient, authStore, defaultPersistStorage());

/** The app's own clients: the entry starts the first screen's requests with them (see prefetch.ts). */
export function startFirstScreenQueries(pathname: string): Promise<void> {
  return prefetchFirstScreen(defaultQueryClient, defaultApi, pathname, authStore.getToken() !== null);
}
