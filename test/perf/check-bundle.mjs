#!/usr/bin/env node
// First-screen JavaScript budget: for each route below, the entry chunk, the lazily loaded
// modules the route needs before it can draw, and everything they import statically, weighed
// gzipped (what a phone downloads). Reads Vite's manifest; fails when a route is over budget.
// Usage: node test/perf/check-bundle.mjs [--warn-only] [client/dist]
// `npm run build` prints the figures with --warn-only (an OVER line, exit 0) so a local build
// and `npm start` still work; CI runs it without, where being over fails the run.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KIB = 170;
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const warnOnly = args.includes('--warn-only');
const dist = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'client/dist'));

/** What each first screen loads lazily on top of the entry (source paths as in the manifest). */
const ROUTES = {
  // The sign-in page is in the entry (client/src/app/router.tsx).
  'sign-in (/login)': [],
  'action item list (/c/:id/actions)': [
    'src/app/require-auth.tsx',
    'src/app/layout/app-shell.tsx',
    'src/features/action-items/components/action-items-page.tsx',
  ],
  // Where signing in lands. Its charts (recharts) load with the Committee tab only.
  'committee home (/c/:id)': ['src/app/require-auth.tsx', 'src/app/layout/app-shell.tsx', 'src/features/home/components/home-page.tsx'],
};

const manifest = JSON.parse(await readFile(join(dist, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('No entry in the Vite manifest');

/** Manifest keys of `keys` and everything they import statically. */
function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest: update ROUTES in test/perf/check-bundle.mjs`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return seen;
}

const gzipSizes = new Map();
async function gzipSize(file) {
  if (!gzipSizes.has(file)) {
    const source = await readFile(join(dist, file));
    gzipSizes.set(file, { raw: source.byteLength, gzip: gzipSync(source, { level: 9 }).byteLength });
  }
  return gzipSizes.get(file);
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
let failed = false;
console.log(`First-screen JavaScript, gzipped (budget ${BUDGET_KIB} KiB per route), from ${dist}`);
for (const [route, lazy] of Object.entries(ROUTES)) {
  const files = [...new Set([...closure([entryKey, ...lazy])].map((key) => manifest[key].file))].filter((file) => file.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  const rows = [];
  for (const file of files) {
    const size = await gzipSize(file);
    raw += size.raw;
    gzip += size.gzip;
    rows.push([file, size]);
  }
  const over = gzip / 1024 > BUDGET_KIB;
  failed ||= over;
  console.log(`\n${over ? 'OVER' : 'ok  '} ${route}: ${kib(gzip)} KiB gzipped (${kib(raw)} KiB raw) in ${files.length} files`);
  for (const [file, size] of rows.sort((a, b) => b[1].gzip - a[1].gzip)) {
    console.log(`       ${kib(size.gzip).padStart(6)} KiB  ${file}`);
  }
}
if (failed) {
  console.error(`\nFirst-screen JavaScript is over the ${BUDGET_KIB} KiB budget: split a route or drop a dependency.`);
  if (!warnOnly) process.exit(1);
}
