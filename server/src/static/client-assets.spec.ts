import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import request from 'supertest';
import { IMMUTABLE, serveClient } from './client-assets.js';

describe(serveClient.name, () => {
  let dist: string;
  let app: express.Express;
  const script = 'console.log("hello, committee");'.repeat(10);

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'sidang-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sidang</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(dist, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets', 'app-abc123.js.map'), '{}');
    app = express();
    serveClient(app as unknown as NestExpressApplication, dist);
    app.use((_request, response) => {
      response.status(418).end();
    });
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('should send the brotli copy with its encoding, the original type and immutable caching', async () => {
    const response = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'gzip, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('should send the gzip copy to a client without brotli, and the original to one without either', async () => {
    const gzip = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);
    const plain = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
  });

  it('should revalidate index.html and the service worker on every load', async () => {
    const page = await request(app).get('/c/123/actions').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Sidang</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const worker = await request(app).get('/sw.js');
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('should not publish source maps, compressed copies by name, or a missing chunk as the app', async () => {
    expect((await request(app).get('/assets/app-abc123.js.map')).status).toBe(404);
    expect((await request(app).get('/assets/app-abc123.js.br')).status).toBe(404);
    expect((await request(app).get('/assets/gone-000.js').set('Accept', 'text/html')).status).toBe(404);
  });

  it('should leave the API and paths outside the build to the next handler', async () => {
    expect((await request(app).get('/api/health')).status).toBe(418);
    expect((await request(app).get('/../../etc/passwd').set('Accept', 'application/json')).status).toBe(418);
  });
});
