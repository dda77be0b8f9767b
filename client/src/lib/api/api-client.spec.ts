import { afterEach, describe, expect, it } from '@jest/globals';
import { jsonResponse as json } from '../../test/fixtures.ts';
import { authStore } from '../auth/auth-store.ts';
import { refreshSession } from '../auth/session-refresh.ts';
import { createApiClient, type FetchLike, filenameOf } from './api-client.ts';

const user = { id: '22222222-2222-4222-8222-222222222222' };

describe(createApiClient.name, () => {
  it('should refresh once on a 401 and retry with the new token', async () => {
    let token = 'old';
    let refreshes = 0;
    const seen: string[] = [];
    const fetch: FetchLike = async (_url, init) => {
      const auth = ((init?.headers ?? {}) as Record<string, string>).Authorization ?? '';
      seen.push(auth);
      return auth === 'Bearer new' ? json(200, { ok: true }) : json(401, { statusCode: 401, message: 'expired' });
    };
    let unauthorized = 0;
    const api = createApiClient({
      fetch,
      getToken: () => token,
      onUnauthorized: () => unauthorized++,
      refresh: async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        token = 'new';
        return true;
      },
    });
    const results = await Promise.all([api.get('/api/a'), api.get('/api/b')]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(refreshes).toBeLessThanOrEqual(2);
    expect(seen.filter((s) => s === 'Bearer new')).toHaveLength(2);
    expect(unauthorized).toBe(0);
  });

  it('should give up and report the session over when the refresh fails', async () => {
    let unauthorized = 0;
    const api = createApiClient({
      fetch: async () => json(401, { statusCode: 401, message: 'revoked' }),
      getToken: () => 't',
      onUnauthorized: () => unauthorized++,
      refresh: async () => false,
    });
    await expect(api.get('/api/committees')).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(1);
  });
});

describe(refreshSession.name, () => {
  afterEach(() => {
    authStore.clear();
    localStorage.clear();
  });

  it('should trade the refresh token for a new session, once for concurrent callers', async () => {
    authStore.setSession({ accessToken: 'a1', refreshToken: 'r1', expiresAt: new Date(Date.now() + 1_000).toISOString(), user });
    const bodies: unknown[] = [];
    const fetch: FetchLike = async (url, init) => {
      expect(url).toBe('/api/auth/refresh');
      bodies.push(JSON.parse(String(init?.body)));
      return json(200, { accessToken: 'a2', refreshToken: 'r2', expiresAt: new Date(Date.now() + 900_000).toISOString(), user });
    };
    expect(await Promise.all([refreshSession(fetch), refreshSession(fetch)])).toEqual([true, true]);
    expect(bodies).toEqual([{ refreshToken: 'r1' }]);
    expect(authStore.getToken()).toBe('a2');
    expect(authStore.getRefreshToken()).toBe('r2');
    expect(localStorage.getItem('sidang.refreshToken')).toBe('r2');
  });

  it('should end the local session when the server refuses the refresh token', async () => {
    authStore.setSession({ accessToken: 'a1', refreshToken: 'r1', expiresAt: new Date().toISOString(), user });
    expect(await refreshSession(async () => json(401, { statusCode: 401, message: 'ended' }))).toBe(false);
    expect(authStore.getToken()).toBeNull();
  });

  it('should keep the session when the network is down', async () => {
    authStore.setSession({ accessToken: 'a1', refreshToken: 'r1', expiresAt: new Date().toISOString(), user });
    expect(await refreshSession(async () => Promise.reject(new TypeError('offline')))).toBe(false);
    expect(authStore.getToken()).toBe('a1');
  });
});

describe('getBlob', () => {
  it('should download with the bearer token and the filters, and name the file as the server does', async () => {
    const seen: Array<{ url: string; auth: string }> = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, auth: ((init?.headers ?? {}) as Record<string, string>).Authorization ?? '' });
      return {
        ok: true,
        status: 200,
        statusText: '',
        headers: new Headers({ 'Content-Disposition': `attachment; filename="x.csv"; filename*=UTF-8''rundingan%202026.csv` }),
        blob: async () => new Blob(['a,b']),
      } as unknown as Response;
    };
    const api = createApiClient({ fetch, getToken: () => 'secret-token' });
    const { filename } = await api.getBlob('/api/committees/c1/negotiations/export', { status: 'in_progress', format: 'csv' });
    expect(filename).toBe('rundingan 2026.csv');
    expect(seen).toEqual([{ url: '/api/committees/c1/negotiations/export?status=in_progress&format=csv', auth: 'Bearer secret-token' }]);
  });

  it('should read a plain file name, and none when the header names none', () => {
    expect(filenameOf('attachment; filename="action-items.xlsx"')).toBe('action-items.xlsx');
    expect(filenameOf('attachment')).toBeNull();
    expect(filenameOf(null)).toBeNull();
  });
});
