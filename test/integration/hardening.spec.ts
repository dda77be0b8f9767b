import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { originAllowed } from '../../server/src/common/origin.js';
import { demoSuite } from './support/demo-suite.js';
import { type Session, TestApp } from './support/harness.js';

/** Whether a socket.io handshake (websocket or polling) with these headers connects. */
function handshake(app: TestApp, token: string, transport: 'websocket' | 'polling', origin?: string): Promise<boolean> {
  const socket = io(app.url, {
    auth: { token },
    transports: [transport],
    reconnection: false,
    forceNew: true,
    extraHeaders: origin ? { origin } : {},
  });
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  }).finally(() => socket.disconnect());
}

describe('socket.io origin check', () => {
  const demo = demoSuite(['chair']);

  it.each(['websocket', 'polling'] as const)('should refuse a foreign Origin over %s', async (transport) => {
    expect(await handshake(demo.app, demo.chair.token, transport, 'https://evil.example')).toBe(false);
    expect(await handshake(demo.app, demo.chair.token, transport, 'null')).toBe(false);
  });

  it.each(['websocket', 'polling'] as const)('should accept the own origin and no Origin over %s', async (transport) => {
    expect(await handshake(demo.app, demo.chair.token, transport, demo.app.url)).toBe(true);
    expect(await handshake(demo.app, demo.chair.token, transport)).toBe(true);
  });

  it('should still refuse a bad token without an Origin', async () => {
    expect(await handshake(demo.app, 'not-a-token', 'websocket')).toBe(false);
  });
});

describe('socket.io with ALLOWED_ORIGINS', () => {
  let app: TestApp;
  let chair: Session;

  beforeAll(async () => {
    app = await TestApp.start({ ALLOWED_ORIGINS: 'https://sidang.example.gov.my' });
    chair = await app.login('chair');
  });

  afterAll(async () => {
    await app.close();
  });

  it('should accept only the listed origins', async () => {
    expect(await handshake(app, chair.token, 'websocket', 'https://sidang.example.gov.my')).toBe(true);
    expect(await handshake(app, chair.token, 'websocket', 'http://sidang.example.gov.my')).toBe(false);
    expect(await handshake(app, chair.token, 'websocket', app.url)).toBe(false);
  });
});

describe(originAllowed.name, () => {
  it('should compare whole origins, not prefixes', () => {
    expect(originAllowed(undefined, 'a.example', undefined)).toBe(true);
    expect(originAllowed('https://a.example', 'a.example', undefined)).toBe(true);
    expect(originAllowed('https://a.example.evil.com', 'a.example', undefined)).toBe(false);
    expect(originAllowed('https://a.example:8443', 'a.example', undefined)).toBe(false);
    expect(originAllowed('not a url', 'a.example', undefined)).toBe(false);
    expect(originAllowed('https://b.example', 'a.example', ['https://b.example'])).toBe(true);
    expect(originAllowed('https://a.example', 'a.example', ['https://b.example'])).toBe(false);
  });
});

describe('security headers', () => {
  let direct: TestApp;
  let proxied: TestApp;

  beforeAll(async () => {
    direct = await TestApp.start();
    proxied = await direct.startPeer({ SEED_DEMO: 'false', TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await proxied?.close();
    await direct?.close();
  });

  it('should allow connections to the own origin only', async () => {
    const csp = (await fetch(`${direct.url}/api/health`)).headers.get('content-security-policy') ?? '';
    const connect = csp.split(';').find((directive) => directive.trim().startsWith('connect-src'));
    expect(connect?.trim()).toBe("connect-src 'self'");
  });

  it('should send HSTS only over HTTPS, as a trusted proxy reports it', async () => {
    const hsts = async (app: TestApp, headers: Record<string, string>) =>
      (await fetch(`${app.url}/api/health`, { headers })).headers.get('strict-transport-security');
    expect(await hsts(direct, {})).toBeNull();
    expect(await hsts(direct, { 'x-forwarded-proto': 'https' })).toBeNull();
    expect(await hsts(proxied, { 'x-forwarded-proto': 'http' })).toBeNull();
    expect(await hsts(proxied, { 'x-forwarded-proto': 'https' })).toMatch(/max-age=\d+/);
  });
});

describe('compressed API answers', () => {
  const demo = demoSuite(['chair']);

  /** The raw answer (node:http does not decode), with its headers. */
  function rawGet(path: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = httpGet(
        `${demo.app.url}${path}`,
        { headers: { authorization: `Bearer ${demo.chair.token}`, ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
  }

  it('should gzip a list the client accepts compressed, to the same JSON as uncompressed', async () => {
    const { main } = await demo.app.committees(demo.chair.token);
    const path = `/api/committees/${main.id}/action-items`;
    const plain = await rawGet(path, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const zipped = await rawGet(path, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });

  it('should send a small answer as it is', async () => {
    const small = await rawGet('/api/health', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toBeTruthy();
  });
});
