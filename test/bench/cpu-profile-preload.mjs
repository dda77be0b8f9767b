/**
 * Preloaded into a server (`NODE_OPTIONS=--import …/cpu-profile-preload.mjs`) by
 * profile-create.ts: the first SIGUSR2 starts V8's CPU profiler in the process, the second stops
 * it and writes the profile (Chrome DevTools format) to CPU_PROFILE_PATH, then prints
 * `profile written`. Only the window between the two signals is profiled.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let running = false;

const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

process.on('SIGUSR2', async () => {
  if (!running) {
    running = true;
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    console.log('profile started');
    return;
  }
  running = false;
  const { profile } = await post('Profiler.stop');
  writeFileSync(process.env.CPU_PROFILE_PATH, JSON.stringify(profile));
  console.log('profile written');
});
