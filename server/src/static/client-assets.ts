import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { routePreloads, withPreloads } from './route-preloads.js';

/** Content-hashed build output: a new build gives new names, so a copy never goes stale. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files whose name stays the same across builds: always ask the server (a 304 is cheap). */
export const REVALIDATE = 'no-cache';

/** Precompressed copies written by the client build, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const HASHED_ASSET = /^\/assets\//;

interface StaticFile {
  path: string;
  /** Variants that exist on disk, by encoding name. */
  encoded: Map<string, string>;
}

/**
 * Serves the built SPA at `/`: hashed assets with immutable caching, everything else revalidated,
 * the `.br`/`.gz` copies made at build time when the browser accepts them, and app routes
 * falling back to index.html. Source maps are never served.
 */
export function serveClient(app: NestExpressApplication, dist: string, warn?: (message: string) => void): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return;
  const files = new Map<string, StaticFile | null>();
  const preloadsOf = routePreloads(dist, warn);
  /** index.html with a path's preloads, made once per set of files (a handful of pages). */
  const shells = new Map<string, { body: Buffer; br: Buffer; gzip: Buffer; etag: string }>();
  const shellWith = (preloads: string[]) => {
    const key = preloads.join(' ');
    let shell = shells.get(key);
    if (!shell) {
      const body = Buffer.from(withPreloads(readFileSync(index, 'utf8'), preloads));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      shell = { body, br: brotliCompressSync(body), gzip: gzipSync(body, { level: 9 }), etag };
      shells.set(key, shell);
    }
    return shell;
  };

  /** Looks a URL path up once; null when it is not a file of the build. */
  const lookup = (urlPath: string): StaticFile | null => {
    const known = files.get(urlPath);
    if (known !== undefined) return known;
    let found: StaticFile | null = null;
    const path = normalize(join(dist, urlPath));
    if (path.startsWith(dist + sep) && isFile(path)) {
      const encoded = new Map<string, string>();
      for (const encoding of ENCODINGS) {
        if (isFile(path + encoding.suffix)) encoded.set(encoding.name, path + encoding.suffix);
      }
      found = { path, encoded };
    }
    // Only a fixed set of files exists; unknown paths are not remembered (no unbounded growth).
    if (found) files.set(urlPath, found);
    return found;
  };

  const send = (request: Request, response: Response, next: NextFunction, file: StaticFile, cacheControl: string): void => {
    response.setHeader('Cache-Control', cacheControl);
    let path = file.path;
    if (file.encoded.size > 0) {
      response.vary('Accept-Encoding');
      const chosen = bestEncoding(request, (name) => file.encoded.has(name));
      const variant = chosen && file.encoded.get(chosen.name);
      if (chosen && variant) {
        path = variant;
        response.setHeader('Content-Encoding', chosen.name);
      }
    }
    // The type of the original, not of the .br/.gz copy.
    response.type(extname(file.path));
    response.sendFile(path, { lastModified: true, etag: true, cacheControl: false }, (error?: Error) => {
      if (error && !response.headersSent) next(error);
    });
  };

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path.startsWith('/api') || request.path.startsWith('/socket.io')) return next();

    let urlPath: string;
    try {
      urlPath = decodeURIComponent(request.path);
    } catch {
      return next();
    }
    if (urlPath.endsWith('.map') || urlPath.endsWith('.br') || urlPath.endsWith('.gz') || urlPath.startsWith('/.vite/')) {
      response.status(404).end();
      return;
    }

    const file = urlPath === '/' ? null : lookup(urlPath);
    if (file && file.path !== index) {
      return send(request, response, next, file, HASHED_ASSET.test(urlPath) ? IMMUTABLE : REVALIDATE);
    }
    // A missing hashed file is a 404, not the app: a stale page asking for an old chunk must fail
    // visibly rather than parse HTML as JavaScript.
    if (HASHED_ASSET.test(urlPath)) {
      response.status(404).end();
      return;
    }
    if (!request.accepts('html')) return next();
    const preloads = preloadsOf(urlPath);
    if (preloads.length > 0) {
      // The page's own scripts announced in its HTML, so the browser fetches them with the entry.
      const page = shellWith(preloads);
      response.setHeader('Cache-Control', REVALIDATE);
      response.setHeader('ETag', page.etag);
      response.vary('Accept-Encoding');
      response.type('html');
      if (request.fresh) {
        response.status(304).end();
        return;
      }
      const chosen = bestEncoding(request, () => true);
      if (chosen) response.setHeader('Content-Encoding', chosen.name);
      response.send(chosen ? page[chosen.name] : page.body);
      return;
    }
    const shell = lookup('/index.html');
    if (!shell) return next();
    send(request, response, next, shell, REVALIDATE);
  });
}

/** The best of our encodings (brotli is smaller) that the browser accepts; browsers list theirs in any order. */
function bestEncoding(request: Request, available: (name: string) => boolean): (typeof ENCODINGS)[number] | undefined {
  return ENCODINGS.find((encoding) => available(encoding.name) && request.acceptsEncodings(encoding.name));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
