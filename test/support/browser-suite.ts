import { afterAll, beforeAll } from '@jest/globals';
import { openSignedInBrowsers, type TestBrowser } from './browser.js';
import type { TestDatabase } from './databases.js';
import { startDemoServer, stopDemoServer } from './demo-server.js';
import { DEMO_USERS, type RunningServer, signInToDemoCommittee } from './server-process.js';

/** One person a browser suite plays: a demo account and, unless a desk, the screen's size. */
export interface BrowserPerson {
  email: string;
  viewport?: { width: number; height: number };
}

/**
 * What a suite started by `browserSuite` shares: the server and its database, a REST token of
 * the chair's and the demo committee's id, and a signed-in browser for each person, by name.
 */
export type BrowserSuite<P extends string> = {
  server: RunningServer;
  database: TestDatabase;
  token: string;
  committeeId: string;
} & Record<P, TestBrowser>;

/**
 * The start most browser suites share, as their `beforeAll` and `afterAll`: the built server on
 * the demo data (`startDemoServer`), the chair signed in over REST with the demo committee, and
 * one browser per person signed in through the UI; at the end, every browser is closed, then
 * the server stopped and its database dropped. The object returned is filled in by the
 * `beforeAll`; read it in tests and hooks, not while the suite is being declared.
 */
export function browserSuite<const P extends string>(people: Record<P, BrowserPerson>, timeoutMs = 180_000): BrowserSuite<P> {
  const suite = {} as BrowserSuite<P>;
  const names = Object.keys(people) as P[];
  beforeAll(async () => {
    ({ database: suite.database, server: suite.server } = await startDemoServer());
    ({ accessToken: suite.token, committeeId: suite.committeeId } = await signInToDemoCommittee(suite.server.url, DEMO_USERS.chair));
    const browsers = await openSignedInBrowsers(
      suite.server.url,
      names.map((name) => people[name]),
    );
    names.forEach((name, index) => {
      const browser = browsers[index];
      if (browser) (suite as Record<P, TestBrowser>)[name] = browser;
    });
  }, timeoutMs);
  afterAll(async () => {
    await Promise.allSettled(names.map((name) => (suite as Partial<Record<P, TestBrowser>>)[name]?.close()));
    await stopDemoServer(suite.server, suite.database);
  }, 60_000);
  return suite;
}
