#!/usr/bin/env node
// Lighthouse (mobile) on the sign-in page and on a signed-in action item list, against the
// built server on a fresh embedded store with the demo data. Prints the figures and fails when
// a budget is missed. Run after `npm run build`:  npm run perf
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_EMAIL = 'chair@demo.sidang.my';
const DEMO_PASSWORD = 'sidang-demo';
// Must match client/src/lib/auth/auth-store.ts: the client reads its session from these.
const TOKEN_KEY = 'sidang.token';
const USER_KEY = 'sidang.userId';

/**
 * Lighthouse's mobile profile slows the CPU 4× whatever the host, so the phone it emulates is as
 * fast as the host divided by 4: on a host half as fast, every task takes twice as long. The
 * budgets were measured with Lighthouse's 4× on a host whose BenchmarkIndex was 3200–3900, an
 * emulated phone of about 800 or faster. The multiplier is calibrated the way Lighthouse's
 * throttling guide says, to emulate that phone on every host: host index / 800, between 1 and 4
 * (Lighthouse's 4× on any host of index 3200 or more). Below index 1000 Lighthouse itself warns that the host is
 * too slow for its figures (see ENFORCE_MIN_INDEX). PERF_CPU_SLOWDOWN fixes it instead (e.g. 4
 * for Lighthouse's default).
 */
const TARGET_BENCHMARK_INDEX = 800;
const DEFAULT_SLOWDOWN = 4;
/** Runs per page; with more than one, the median of each figure is checked (PERF_RUNS). */
const RUNS = Math.max(1, Number(process.env.PERF_RUNS ?? 1));
/**
 * When the median of the first PERF_RUNS runs misses a budget, the page is measured again up to
 * PERF_MAX_RUNS runs in all and the median of all of them decides (default: no more runs). CI
 * runs 3, up to 7: a page that meets its budgets costs three runs, and a miss fails the run only
 * when the median of seven misses too, as it did with seven runs always (docs/performance.md, "In CI").
 */
const MAX_RUNS = Math.max(RUNS, Number(process.env.PERF_MAX_RUNS ?? RUNS));

/**
 * CI sets this to 1000, where Lighthouse itself starts to warn that the host is slower than it
 * expects: on a host that busy a miss is printed but does not fail the run, since the figures
 * then describe the machine's load more than the app (docs/performance.md).
 */
const ENFORCE_MIN_INDEX = Number(process.env.PERF_ENFORCE_MIN_INDEX ?? 0);

/** The issue's budgets: Core Web Vitals "good" on a phone, and accessibility. */
const BUDGETS = {
  lcpMs: 2_500,
  tbtMs: 200,
  cls: 0.1,
  accessibility: 95,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not come up:\n${output}`);
}

async function signIn(url) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Sign-in answered ${response.status}`);
  const session = await response.json();
  const committees = await fetch(`${url}/api/committees`, { headers: { authorization: `Bearer ${session.accessToken}` } }).then((r) =>
    r.json(),
  );
  return { token: session.accessToken, userId: session.user.id, committeeId: committees[0].id };
}

/** Puts the session into localStorage (same origin) before Lighthouse loads the page. */
async function storeSession(port, url, session) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    await page.goto(`${url}/api/health`);
    await page.evaluate(
      ([keys, values]) => {
        localStorage.setItem(keys[0], values[0]);
        localStorage.setItem(keys[1], values[1]);
      },
      [
        [TOKEN_KEY, USER_KEY],
        [session.token, session.userId],
      ],
    );
    await page.close();
  } finally {
    // Disconnects only: the browser stays up for Lighthouse.
    await browser.close();
  }
}

/** Lighthouse's own CPU benchmark, run in the browser about to be measured. */
async function benchmarkIndex(port) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    const index = await page.evaluate(`(${pageFunctions.computeBenchmarkIndex.toString()})()`);
    await page.close();
    return index;
  } finally {
    await browser.close();
  }
}

async function cpuSlowdown(port) {
  if (process.env.PERF_CPU_SLOWDOWN) return { multiplier: Number(process.env.PERF_CPU_SLOWDOWN), index: undefined };
  const index = await benchmarkIndex(port);
  const multiplier = Math.min(DEFAULT_SLOWDOWN, Math.max(1, index / TARGET_BENCHMARK_INDEX));
  return { multiplier: Math.round(multiplier * 100) / 100, index };
}

class IncompleteRun extends Error {}

async function audit(port, url) {
  const cpu = await cpuSlowdown(port);
  const { lhr } = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      formFactor: 'mobile',
      // Keep the signed-in session: Lighthouse clears storage by default.
      disableStorageReset: true,
    },
    {
      extends: 'lighthouse:default',
      settings: { throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: cpu.multiplier } },
    },
  );
  if (process.env.PERF_REPORT_DIR) {
    await mkdir(process.env.PERF_REPORT_DIR, { recursive: true });
    const name = new URL(lhr.finalDisplayedUrl).pathname.split('/').filter(Boolean).at(-1) ?? 'root';
    await writeFile(join(process.env.PERF_REPORT_DIR, `${name}.json`), JSON.stringify(lhr));
  }
  const audits = lhr.audits;
  const missing = ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'first-contentful-paint'].filter(
    (id) => typeof audits[id]?.numericValue !== 'number',
  );
  // Lighthouse itself sometimes fails to read a trace ("frame_sequence"): that run says nothing.
  if (missing.length > 0)
    throw new IncompleteRun(`Lighthouse measured no ${missing.join(', ')}: ${audits[missing[0]]?.errorMessage ?? ''}`);
  return {
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
    lcpMs: audits['largest-contentful-paint'].numericValue,
    tbtMs: audits['total-blocking-time'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    fcpMs: audits['first-contentful-paint'].numericValue,
    finalUrl: lhr.finalDisplayedUrl,
    transferKiB: (audits['total-byte-weight'].numericValue ?? 0) / 1024,
    hostIndex: cpu.index,
    cpu: `CPU ${cpu.multiplier}×${cpu.index === undefined ? '' : ` (host index ${Math.round(cpu.index)}, Lighthouse ${Math.round(lhr.environment.benchmarkIndex)})`}`,
  };
}

/** The median of each figure over several runs (the first run's URL and CPU note). */
function median(results) {
  if (results.length === 1) return results[0];
  const mid = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  };
  const out = { ...results[0] };
  for (const key of ['performance', 'accessibility', 'lcpMs', 'tbtMs', 'cls', 'fcpMs', 'transferKiB']) {
    out[key] = mid(results.map((result) => result[key]));
  }
  return out;
}

function summary(result) {
  return (
    `performance ${String(result.performance).padStart(3)}  ` +
    `LCP ${(result.lcpMs / 1000).toFixed(2)} s  TBT ${Math.round(result.tbtMs)} ms  CLS ${result.cls.toFixed(3)}  ` +
    `FCP ${(result.fcpMs / 1000).toFixed(2)} s  accessibility ${result.accessibility}  transfer ${result.transferKiB.toFixed(0)} KiB  ${result.cpu}`
  );
}

function misses(result) {
  const found = [];
  if (result.lcpMs > BUDGETS.lcpMs) found.push(`LCP ${(result.lcpMs / 1000).toFixed(2)} s > ${BUDGETS.lcpMs / 1000} s`);
  if (result.tbtMs > BUDGETS.tbtMs) found.push(`TBT ${Math.round(result.tbtMs)} ms > ${BUDGETS.tbtMs} ms`);
  if (result.cls > BUDGETS.cls) found.push(`CLS ${result.cls.toFixed(3)} > ${BUDGETS.cls}`);
  if (result.accessibility < BUDGETS.accessibility) found.push(`accessibility ${result.accessibility} < ${BUDGETS.accessibility}`);
  return found;
}

function check(name, result) {
  const missed = misses(result);
  console.log(`${missed.length ? 'MISS' : 'ok  '} ${name.padEnd(25)} ${summary(result)}`);
  for (const miss of missed) console.log(`       ${miss}`);
  return missed.length === 0;
}

/** Each page in a browser of its own with a fresh profile: a cold load, as a first visit is. */
async function withChrome(run) {
  const profile = await mkdtemp(join(tmpdir(), 'sidang-perf-chrome-'));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir: profile,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    return await run(chrome.port);
  } finally {
    await chrome.kill();
    await rm(profile, { recursive: true, force: true });
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'sidang-perf-data-'));
let server;
let ok = true;
/** The lowest of the pages' median host indexes. */
let lowestIndex = Number.POSITIVE_INFINITY;
try {
  server = await startServer(dataDir);
  const session = await signIn(server.url);
  const { default: pkg } = await import('lighthouse/package.json', { with: { type: 'json' } });
  console.log(
    `Lighthouse ${pkg.version}, mobile, ${CHROMIUM}; budgets: LCP ≤ ${BUDGETS.lcpMs / 1000} s, TBT ≤ ${BUDGETS.tbtMs} ms, CLS ≤ ${BUDGETS.cls}, accessibility ≥ ${BUDGETS.accessibility}`,
  );
  const pages = [
    ['sign-in', (port) => audit(port, `${server.url}/login`)],
    [
      'action item list',
      async (port) => {
        await storeSession(port, server.url, session);
        return audit(port, `${server.url}/c/${session.committeeId}/actions`);
      },
    ],
  ];
  for (const [name, run] of pages) {
    const results = [];
    let runs = RUNS;
    for (let i = 0, retries = 0; i < runs; i += 1) {
      try {
        results.push(await withChrome(run));
      } catch (error) {
        if (!(error instanceof IncompleteRun) || retries >= 2) throw error;
        retries += 1;
        console.log(`       run ${i + 1}: ${error.message.split('\n')[0]}; measured again`);
        i -= 1;
        continue;
      }
      if (MAX_RUNS > 1) console.log(`       run ${i + 1}: ${summary(results.at(-1))}`);
      if (i === runs - 1 && runs < MAX_RUNS && misses(median(results)).length > 0) {
        console.log(`       the median of ${runs} runs misses a budget (${misses(median(results)).join('; ')}): ${MAX_RUNS} runs decide`);
        runs = MAX_RUNS;
      }
    }
    ok = check(runs > 1 ? `${name} (median of ${runs})` : name, median(results)) && ok;
    const indexes = results.map((result) => result.hostIndex).filter((index) => index !== undefined);
    if (indexes.length > 0) lowestIndex = Math.min(lowestIndex, indexes.sort((a, b) => a - b)[Math.floor((indexes.length - 1) / 2)]);
  }
} finally {
  server?.child.kill('SIGTERM');
  if (server) await new Promise((resolve) => server.child.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
}
if (!ok && lowestIndex < ENFORCE_MIN_INDEX) {
  console.log(
    `A Lighthouse budget was missed, not enforced: the host's benchmark index was ${Math.round(lowestIndex)}, below ${ENFORCE_MIN_INDEX} (a busy or slow host; see docs/performance.md).`,
  );
} else if (!ok) {
  console.error('A Lighthouse budget was missed (figures above).');
  process.exit(1);
}
