import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { parseAst } from 'rolldown/parseAst';
import { defineConfig, type Plugin } from 'vite';

const apiTarget = process.env.SIDANG_API_URL ?? 'http://localhost:3000';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|webmanifest)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `.br` and `.gz` next to every compressible file of the build, at the highest levels:
 * the server sends these as they are instead of compressing on each request. It runs once the
 * files are on disk, after every other plugin has finished rewriting them.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'sidang:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const files = Object.keys(bundle).filter((fileName) => COMPRESSIBLE.test(fileName));
      await Promise.all(
        files.map(async (fileName) => {
          const path = join(dir, fileName);
          const source = await readFile(path);
          if (source.byteLength < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
              },
            }),
            gzipAsync(source, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * Marks each top-level value of the shared package that is built by calls (`const x = z…`, an
 * object of schemas) as pure: building a schema has no effect beyond its value, so a page that
 * imports a constant from a schema file does not also load every schema in it, and zod with them.
 */
function pureSharedSchemas(): Plugin {
  const shared = /[\\/]shared[\\/]src[\\/].*\.ts$/;
  const built = new Set(['CallExpression', 'ObjectExpression']);
  return {
    name: 'sidang:pure-shared-schemas',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!shared.test(id) || id.endsWith('.spec.ts')) return null;
      const edits: { start: number; end: number }[] = [];
      for (const statement of parseAst(code, { lang: 'ts' }).body) {
        const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
        for (const { init } of declaration.declarations) {
          if (init && built.has(init.type)) edits.push({ start: init.start, end: init.end });
        }
      }
      if (edits.length === 0) return null;
      let out = code;
      for (const { start, end } of edits.reverse()) {
        out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
      }
      return { code: out, map: null };
    },
  };
}

/**
 * `/shell-assets.json`: every hashed file of this build, so the service worker can keep the
 * whole app shell (lazily loaded routes included) whatever the chunks are called.
 */
function shellAssetList(): Plugin {
  return {
    name: 'sidang:shell-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.values(bundle)
        .map((file) => `/${file.fileName}`)
        .filter((path) => path.startsWith('/assets/') && /\.(js|css)$/.test(path))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'shell-assets.json', source: JSON.stringify(assets) });
    },
  };
}

/** Modules of the `core` chunk: everything the entry needs that lazy pages share with it. */
const CORE = [
  /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/](?!.*[Ii]nfinite)/,
  /node_modules[\\/](i18next|react-i18next)[\\/]/,
  /node_modules[\\/]use-sync-external-store[\\/](shim[\\/]index|cjs[\\/]use-sync-external-store-shim\.production)/,
  /preload-helper/,
  /node_modules[\\/]react-router[\\/]/,
  /client[\\/]src[\\/]lib[\\/](api[\\/]|auth[\\/]session-refresh\.ts$|realtime[\\/](entity-registry|entities|cache-apply|cache-guards)\.ts$)/,
  /client[\\/]src[\\/]features[\\/](action-items|committees|auth)[\\/]api[\\/]/,
  /client[\\/]src[\\/]features[\\/]minutes[\\/]collab[\\/]device-index\.ts$/,
  /^\0?rolldown[\\/]runtime/,
  /shared[\\/]src[\\/]realtime[\\/]events\.ts$/,
  /client[\\/]src[\\/]lib[\\/](auth[\\/]auth-store|i18n[\\/]i18n|i18n[\\/]locales[\\/](en|registers-core)|query-keys|minutes-keys|section-order|offline[\\/]query-persistence)\.ts$/,
  /shared[\\/]src[\\/]auth[\\/]auth\.constants\.ts$/,
];

/** Modules of the `signed-in` chunk: what the app's layout and the action list share with most pages. */
const SIGNED_IN = [
  /client[\\/]src[\\/]features[\\/]action-items[\\/]hooks[\\/](people|permissions|use-action-items|list-params)\.ts$/,
  /client[\\/]src[\\/]features[\\/]committees[\\/](hooks[\\/]use-committees\.ts|components[\\/]no-access\.tsx)$/,
  /client[\\/]src[\\/]features[\\/]search[\\/](result-routes\.ts|components[\\/]search-box\.tsx|api[\\/]search-api\.ts|hooks[\\/]use-search\.ts)$/,
  /client[\\/]src[\\/]features[\\/]registers[\\/]components[\\/]export-buttons\.tsx$/,
  /client[\\/]src[\\/]lib[\\/](after-next-paint\.ts|realtime[\\/]realtime-provider\.tsx|ui[\\/](retry-notice|badges)\.tsx|offline[\\/]view-state\.ts|dates\.ts)$/,
  /shared[\\/]src[\\/](action-items[\\/]action-item|access[\\/]classification)\.constants\.ts$/,
  /shared[\\/]src[\\/]search[\\/]search\.schema\.ts$/,
  /node_modules[\\/]date-fns[\\/](?!locale[\\/]ms)/,
];

export default defineConfig({
  plugins: [pureSharedSchemas(), react(), shellAssetList(), precompress()],
  resolve: {
    // Compile the shared wire schemas from source: one source of truth, no stale dist.
    // `@sidang/shared/constants` is the zod-free part, for what a first screen needs.
    alias: [
      { find: /^@sidang\/shared\/constants$/, replacement: fileURLToPath(new URL('../shared/src/constants.ts', import.meta.url)) },
      { find: /^@sidang\/shared$/, replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets test/perf/check-bundle.mjs weigh what each route loads first.
    manifest: true,
    // Maps are not published: `SOURCEMAP=hidden npm run build` writes them for an error
    // tracker without linking them from the bundles.
    sourcemap: process.env.SOURCEMAP === 'hidden' ? 'hidden' : false,
    rolldownOptions: {
      // The build says what it built; a block of per-plugin timings on a busy machine is noise.
      checks: { bundlerTimings: false },
      // The shared package is declarations only (schemas, constants): a page that needs one
      // constant does not pull in every schema, and zod with them.
      treeshake: {
        // A feature's public index (`features/<x>/index.ts`) only re-exports: a page that uses one
        // hook of another feature does not load the rest of it.
        moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) && !/[\\/]features[\\/][^\\/]+[\\/]index\.ts$/.test(id),
      },
      output: {
        // React changes less often than the app: its own long-cached chunk. Everything else
        // splits along the lazy routes, so a page loads only the libraries it uses, except two
        // layers every signed-in page loads anyway, each one file instead of a dozen small ones
        // (on a phone over HTTP/1.1 each file costs a round trip on one of six connections).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // What the entry (the sign-in page included) needs: data, strings, the session.
            { name: 'core', test: (id: string) => CORE.some((pattern) => pattern.test(id)), priority: 2 },
            // What the signed-in layout and the action list share with most pages.
            { name: 'signed-in', test: (id: string) => SIGNED_IN.some((pattern) => pattern.test(id)), priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
});
