#!/usr/bin/env node
// `npm start` runs this first: it builds a workspace only when its sources (or a workspace it
// depends on) changed since that workspace's last successful build, and says so in plain lines.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';

/** In build order; `inputs` are what the build reads, relative to the workspace. */
const WORKSPACES = [
  { name: 'shared', label: 'shared schemas', inputs: ['src', 'package.json', 'tsconfig.json'], dependsOn: [] },
  { name: 'server', label: 'server', inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], dependsOn: ['shared'] },
  {
    name: 'client',
    label: 'web client',
    inputs: ['src', 'public', 'index.html', 'package.json', 'tsconfig.json', 'vite.config.ts'],
    dependsOn: ['shared'],
  },
];

/** Newest modification time under `path` (a file or a folder), ignoring tests. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.spec\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const rebuilt = new Set();
for (const workspace of WORKSPACES) {
  const dir = join(root, workspace.name);
  const stamp = join(dir, 'dist', STAMP);
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(newest(join(root, 'package-lock.json')), ...workspace.inputs.map((input) => newest(join(dir, input))));
  const why = !builtAt
    ? 'not built yet'
    : changed > builtAt
      ? 'its sources changed since the last build'
      : workspace.dependsOn.some((name) => rebuilt.has(name))
        ? `${workspace.dependsOn.join(', ')} was rebuilt`
        : null;
  if (!why) {
    console.log(`Sidang: ${workspace.label} is up to date, not rebuilt.`);
    continue;
  }
  console.log(`Sidang: building the ${workspace.label} (${why})…`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build', '-w', workspace.name], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(`Sidang: building the ${workspace.label} failed (run \`npm run build\` to see why).`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  rebuilt.add(workspace.name);
  console.log(`Sidang: built the ${workspace.label} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
