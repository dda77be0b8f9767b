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

describe('route preloads', () => {
  let dist: string;
  let app: express.Express;
  const manifest = {
    '_core-c1.js': { file: 'assets/core-c1.js' },
    'index.html': { file: 'assets/index-e1.js', isEntry: true, imports: ['_core-c1.js'], css: ['assets/index-e1.css'] },
    '_signed-in-s1.js': { file: 'assets/signed-in-s1.js', imports: ['_core-c1.js'], css: ['assets/signed-in-s1.css'] },
    'src/app/require-auth.tsx': { file: 'assets/require-auth-r1.js', imports: ['index.html', '_core-c1.js', '_signed-in-s1.js'] },
    'src/app/layout/app-shell.tsx': {
      file: 'assets/app-shell-a1.js',
      imports: ['index.html', '_signed-in-s1.js'],
      css: ['assets/bell-b1.css'],
    },
    'src/features/action-items/components/action-items-page.tsx': {
      file: 'assets/action-items-page-p1.js',
      imports: ['_signed-in-s1.js', '_core-c1.js'],
      css: ['assets/action-items-p1.css'],
    },
  };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'sidang-dist-'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>Sidang</title></head><body></body></html>');
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
    app = express();
    serveClient(app as unknown as NestExpressApplication, dist);
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const preloadsIn = (html: string) => [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
  const sheetsIn = (html: string) => [...html.matchAll(/<link rel="stylesheet" crossorigin href="([^"]+)">/g)].map((m) => m[1]);

  it("should announce the list page's own scripts in its HTML, not the entry's, before </head>", async () => {
    const page = await request(app).get('/c/0f6ad4e1/actions').set('Accept', 'text/html').set('Accept-Encoding', 'identity');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(preloadsIn(page.text)).toEqual([
      '/assets/action-items-page-p1.js',
      '/assets/app-shell-a1.js',
      '/assets/require-auth-r1.js',
      '/assets/signed-in-s1.js',
    ]);
    expect(page.text.indexOf('modulepreload')).toBeLessThan(page.text.indexOf('</head>'));
  });

  it("should link the list's lazily loaded style sheets in its HTML, in the order its imports add them, not the entry's", async () => {
    const page = await request(app).get('/c/0f6ad4e1/actions').set('Accept', 'text/html').set('Accept-Encoding', 'identity');
    expect(sheetsIn(page.text)).toEqual(['/assets/signed-in-s1.css', '/assets/bell-b1.css', '/assets/action-items-p1.css']);
    expect(page.text.lastIndexOf('rel="stylesheet"')).toBeLessThan(page.text.indexOf('</head>'));
    const login = await request(app).get('/login').set('Accept', 'text/html');
    expect(sheetsIn(login.text)).toEqual([]);
  });

  it('should give another signed-in page the shell only, and the sign-in page none', async () => {
    const registers = await request(app).get('/c/0f6ad4e1/registers').set('Accept', 'text/html');
    expect(preloadsIn(registers.text)).toEqual(['/assets/app-shell-a1.js', '/assets/require-auth-r1.js', '/assets/signed-in-s1.js']);
    const login = await request(app).get('/login').set('Accept', 'text/html');
    expect(login.status).toBe(200);
    expect(preloadsIn(login.text)).toEqual([]);
  });

  it('should compress the page, and answer 304 to a copy that is still current', async () => {
    const zipped = await request(app).get('/c/0f6ad4e1/actions').set('Accept', 'text/html').set('Accept-Encoding', 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(preloadsIn(zipped.text)).toHaveLength(4);
    const again = await request(app)
      .get('/c/0f6ad4e1/actions')
      .set('Accept', 'text/html')
      .set('If-None-Match', String(zipped.headers.etag));
    expect(again.status).toBe(304);
  });
});
