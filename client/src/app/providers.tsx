import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { type ApiClient, createApiClient, isApiError } from '../lib/api/api-client.ts';
import { ApiProvider } from '../lib/api/api-context.tsx';
import { authStore } from '../lib/auth/auth-store.ts';
import { i18n } from '../lib/i18n/i18n.ts';

export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
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
