#!/usr/bin/env node
/**
 * Where the time of a Jest run goes, per project and per file (docs/testing.md):
 *
 *   SIDANG_TEST_TIMINGS=/tmp/timings.jsonl node test/scripts/with-test-db.mjs node --experimental-vm-modules \
 *     node_modules/jest/bin/jest.js --selectProjects … --json --outputFile=/tmp/jest.json
 *   node test/scripts/test-timings.mjs /tmp/jest.json /tmp/timings.jsonl [slowest files to list]
 *
 * From Jest: each file's duration and its tests' (the bodies). From the harness
 * (SIDANG_TEST_TIMINGS, integration suites only): per app started, the wait for the seeded template,
 * the database copy (PostgreSQL `CREATE DATABASE … TEMPLATE`; embedded: the cluster copied and
 * PGlite opened) and the app's boot, and per app closed, its close and the database's drop; wall
 * and this process's CPU. "Before the first app" is from the file's start to its first app's
 * start: mostly Jest evaluating the server's module graph, which every test file does afresh.
 */
import { readFileSync } from 'node:fs';

const [jestFile, timingsFile, listed = '15'] = process.argv.slice(2);
if (!jestFile) {
  console.error('Usage: node test/scripts/test-timings.mjs <jest --json output> [timings.jsonl] [slowest files to list]');
  process.exit(2);
}
const run = JSON.parse(readFileSync(jestFile, 'utf8'));
const timings = timingsFile
  ? readFileSync(timingsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const root = `${process.cwd()}/`;
const relative = (path) => (path ?? '').replace(root, '');

const PHASES = ['template', 'database', 'boot', 'appClose', 'drop'];
const rows = run.testResults.map((result) => {
  const file = relative(result.name);
  const duration = result.endTime - result.startTime;
  const bodies = result.assertionResults.reduce((sum, test) => sum + (test.duration ?? 0), 0);
  // A file in both integration projects: the k-th result of a name goes with the k-th store to start it.
  const twins = run.testResults.filter((other) => other.name === result.name).sort((a, b) => a.startTime - b.startTime);
  const groups = ['postgres', 'embedded']
    .map((store) => timings.filter((line) => line.testPath === result.name && line.store === store))
    .filter((group) => group.length > 0)
    .sort((a, b) => Math.min(...a.map((line) => line.at)) - Math.min(...b.map((line) => line.at)));
  const own = groups[twins.indexOf(result)] ?? [];
  const project = own.length > 0 ? (own[0].store === 'embedded' ? 'integration-embedded' : 'integration') : file.split('/')[0];
  const phase = Object.fromEntries(
    PHASES.map((name) => [
      name,
      own.reduce((sum, line) => ({ ms: sum.ms + (line[name]?.ms ?? 0), cpuMs: sum.cpuMs + (line[name]?.cpuMs ?? 0) }), { ms: 0, cpuMs: 0 }),
    ]),
  );
  const firstStart = own.filter((line) => line.kind === 'start').sort((a, b) => a.at - b.at)[0];
  return {
    project,
    file,
    tests: result.assertionResults.length,
    apps: own.filter((line) => line.kind === 'start').length,
    duration,
    bodies,
    beforeFirstApp: firstStart ? firstStart.at - result.startTime : 0,
    phase,
  };
});

const seconds = (ms) => (ms / 1000).toFixed(1).padStart(7);
const both = (figure) => `${seconds(figure.ms)} (${seconds(figure.cpuMs).trim()} cpu)`.padStart(19);
const projects = new Map();
for (const row of rows) {
  const total = projects.get(row.project) ?? { files: 0, tests: 0, apps: 0, duration: 0, bodies: 0, beforeFirstApp: 0, phase: {} };
  total.files += 1;
  for (const key of ['tests', 'apps', 'duration', 'bodies', 'beforeFirstApp']) total[key] += row[key];
  for (const name of PHASES) {
    const sum = total.phase[name] ?? { ms: 0, cpuMs: 0 };
    total.phase[name] = { ms: sum.ms + row.phase[name].ms, cpuMs: sum.cpuMs + row.phase[name].cpuMs };
  }
  projects.set(row.project, total);
}
console.log('Seconds, summed over files (wall; in brackets CPU of the Jest worker):');
console.log(
  `${'project'.padEnd(21)} files tests apps   files   bodies outside  before 1st app   template wait     database copy          app boot    close and drop`,
);
for (const [project, total] of projects) {
  const close = { ms: total.phase.appClose.ms + total.phase.drop.ms, cpuMs: total.phase.appClose.cpuMs + total.phase.drop.cpuMs };
  console.log(
    `${project.padEnd(21)} ${String(total.files).padStart(5)} ${String(total.tests).padStart(5)} ${String(total.apps).padStart(4)} ${seconds(total.duration)} ${seconds(total.bodies)} ${`${Math.round(100 - (100 * total.bodies) / total.duration)} %`.padStart(7)} ${seconds(total.beforeFirstApp).padStart(15)} ${both(total.phase.template)} ${both(total.phase.database)} ${both(total.phase.boot)} ${both(close)}`,
  );
}
const sum = rows.reduce((total, row) => total + row.duration, 0);
const first = Math.min(...run.testResults.map((result) => result.startTime));
const last = Math.max(...run.testResults.map((result) => result.endTime));
console.log(
  `All files: ${rows.length}, ${run.numTotalTests} tests; sum of per-file durations ${seconds(sum).trim()} s; first start to last end ${seconds(last - first).trim()} s`,
);
console.log(`\nSlowest ${listed} files (duration, bodies, before first app, database copy, boot; seconds):`);
for (const row of [...rows].sort((a, b) => b.duration - a.duration).slice(0, Number(listed))) {
  console.log(
    `${row.project.padEnd(21)} ${row.file.padEnd(56)} ${seconds(row.duration)} ${seconds(row.bodies)} ${seconds(row.beforeFirstApp)} ${seconds(row.phase.database.ms)} ${seconds(row.phase.boot.ms)}`,
  );
}
