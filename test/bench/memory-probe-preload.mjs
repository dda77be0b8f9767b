/**
 * Preloaded into a bench's server (`NODE_OPTIONS=--import …/memory-probe-preload.mjs`): on
 * SIGUSR2 it collects garbage (twice) and writes `process.memoryUsage()` as JSON to
 * MEMORY_PROBE_PATH (`{pid}` in it is replaced by the process id: several servers started with
 * one environment, as a cluster's nodes, write files of their own). What the bench then compares
 * is memory still held, not garbage not yet collected.
 */
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

process.on('SIGUSR2', () => {
  gc();
  gc();
  writeFileSync(process.env.MEMORY_PROBE_PATH.replace('{pid}', String(process.pid)), JSON.stringify(process.memoryUsage()));
});
