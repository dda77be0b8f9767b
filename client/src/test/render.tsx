import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { createApiClient, type FetchLike } from '../lib/api/api-client.ts';
import { ApiProvider } from '../lib/api/api-context.tsx';
import { i18n } from '../lib/i18n/i18n.ts';
import { jsonResponse } from './fixtures.ts';

export interface RecordedCall {
  method: string;
  url: string;
  body: unknown;
}

/** Answers a call; `init` has what was sent beyond it (headers). */
export type Handler = (call: RecordedCall, init?: RequestInit) => Response | Promise<Response>;

/** A fetch at the network boundary: records every call and answers through `handler`. */
export function createFakeFetch(handler: Handler) {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = {
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    return handler(call, init);
  };
  return { fetch, calls };
}

export const notFound: Handler = () => jsonResponse(404, { statusCode: 404, message: 'Not found' });

interface LocationRef {
  current: { pathname: string; search: string };
}

function LocationProbe({ into }: { into: LocationRef }) {
  const here = useLocation();
  into.current = { pathname: here.pathname, search: here.search };
  return null;
}

interface Options {
  handler?: Handler;
  /** Initial URL. */
  path?: string;
  /** Route pattern the element is mounted at (params come from it). */
  route?: string;
  queryClient?: QueryClient;
}

/** Renders UI with the real providers, a fake fetch, and an in-memory router. */
export function renderWithApp(element: ReactElement, options: Options = {}) {
  const { fetch, calls } = createFakeFetch(options.handler ?? notFound);
  const queryClient =
    options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const api = createApiClient({ fetch, getToken: () => 'test-token' });
  // Where the app navigated to: tests assert on it instead of a second page.
  const location: LocationRef = { current: { pathname: '', search: '' } };
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api}>
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[options.path ?? '/']}>
            <LocationProbe into={location} />
            <Routes>
              <Route path={options.route ?? '*'} element={element} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
  return { ...view, calls, location, queryClient };
}
