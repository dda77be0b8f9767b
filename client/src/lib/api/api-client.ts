import type { ApiError } from '@sidang/shared';
import { errorCodeOfStatus } from '@sidang/shared/constants';
import { authStore } from '../auth/auth-store.ts';
import { keepSessionFresh, refreshSession } from '../auth/session-refresh.ts';

/** An HTTP error answered by the API, with its parsed JSON body. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(status: number, body: ApiError) {
    super(body.message || `HTTP ${status}`);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
}

/** The error body of a failed answer: the API's own when it sent one, else one made from the status. */
export function errorBodyOf(status: number, parsed: unknown, statusText = ''): ApiError {
  if (parsed && typeof parsed === 'object' && 'message' in parsed) {
    const body = parsed as ApiError;
    return body.code ? body : { ...body, code: errorCodeOfStatus(status) };
  }
  return { statusCode: status, code: errorCodeOfStatus(status), message: statusText || `HTTP ${status}` };
}

export function isApiError(error: unknown, status?: number): error is ApiRequestError {
  return error instanceof ApiRequestError && (status === undefined || error.status === status);
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch?: FetchLike;
  baseUrl?: string;
  getToken: () => string | null;
  /** Called on a 401 from an authenticated call that a refresh could not cure: the session is over. */
  onUnauthorized?: () => void;
  /**
   * Renews the access token (true when there is a new one). Defaults to the stored session's
   * refresh when `getToken` is the auth store's; otherwise no refresh is tried.
   */
  refresh?: () => Promise<boolean>;
  /** Sent with every request (e.g. the projector's `X-Sidang-View-Level`). */
  headers?: Record<string, string>;
}

/** Calls that must not trigger a refresh themselves. */
const NO_REFRESH = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/auth/mfa/verify', '/api/auth/oidc'];

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

export interface ApiClient {
  /** `signal` lets a caller (TanStack Query) abort a request whose answer is no longer wanted. */
  get<T>(path: string, query?: Record<string, QueryValue>, init?: { signal?: AbortSignal }): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  /** A non-JSON answer (an `.ics` file, a PDF as text), as text. */
  getText(path: string): Promise<string>;
  /** A file to download (an export), with the name the server gave it. */
  getBlob(path: string, query?: Record<string, QueryValue>): Promise<{ blob: Blob; filename: string | null }>;
  /** The same client (fetch, token, refresh) sending `headers` with every request as well. */
  withHeaders(headers: Record<string, string>): ApiClient;
}

/** The file name of a `Content-Disposition` header, if it names one. */
export function filenameOf(disposition: string | null | undefined): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Falls through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

export function toQueryString(query?: Record<string, QueryValue>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A small fetch wrapper: JSON in and out, bearer token, typed errors. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  const usesSessionStore = options.getToken === authStore.getToken;
  const refresh = options.refresh ?? (usesSessionStore ? () => refreshSession(doFetch, baseUrl) : undefined);
  // The app's own client keeps its session fresh ahead of expiry, so requests rarely meet a 401.
  if (usesSessionStore && typeof window !== 'undefined') keepSessionFresh(doFetch);

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, QueryValue>,
    retried = false,
    signal?: AbortSignal,
  ): Promise<T> {
    const mayRefresh = refresh !== undefined && !NO_REFRESH.some((prefix) => path.startsWith(prefix));
    const expiresAt = usesSessionStore ? authStore.getExpiresAt() : null;
    if (mayRefresh && !retried && expiresAt !== null && expiresAt - Date.now() < 5_000) await refresh();
    const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
    const token = options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await doFetch(`${baseUrl}${path}${toQueryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    const text = response.status === 204 ? '' : await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const errorBody = errorBodyOf(response.status, parsed, response.statusText);
      if (response.status === 401 && mayRefresh && !retried && token && (await refresh())) {
        return request<T>(method, path, body, query, true, signal);
      }
      if (response.status === 401 && !NO_REFRESH.some((prefix) => path.startsWith(prefix))) options.onUnauthorized?.();
      throw new ApiRequestError(response.status, errorBody);
    }
    return parsed as T;
  }

  return {
    get: (path, query, init) => request('GET', path, undefined, query, false, init?.signal),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    delete: (path, query) => request('DELETE', path, undefined, query),
    getText: async (path) => {
      const token = options.getToken();
      const response = await doFetch(`${baseUrl}${path}`, {
        headers: { ...options.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
      if (!response.ok) throw new ApiRequestError(response.status, errorBodyOf(response.status, undefined, response.statusText));
      return response.text();
    },
    getBlob: async (path, query) => {
      const token = options.getToken();
      const response = await doFetch(`${baseUrl}${path}${toQueryString(query)}`, {
        headers: { ...options.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
      if (!response.ok) throw new ApiRequestError(response.status, errorBodyOf(response.status, undefined, response.statusText));
      return { blob: await response.blob(), filename: filenameOf(response.headers?.get('Content-Disposition')) };
    },
    withHeaders: (headers) => createApiClient({ ...options, fetch: doFetch, refresh, headers: { ...options.headers, ...headers } }),
  };
}
