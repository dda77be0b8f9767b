import { afterAll, beforeAll } from '@jest/globals';
import { type DemoUser, type Session, TestApp } from './harness.js';

/** What a suite started by `demoSuite` shares: its app, the named people's sessions, the demo committee's id. */
export type DemoSuite<U extends DemoUser> = { app: TestApp; committeeId: string } & Record<U, Session>;

/**
 * The start most suites share, as their `beforeAll` and `afterAll`: an app on a fresh database
 * with the demo data, the named demo people signed in at once, and the demo committee (JTK-REE,
 * as the first of them lists it). The object returned is filled in by the `beforeAll`; read it
 * in tests and hooks, not while the suite is being declared.
 */
export function demoSuite<const U extends DemoUser>(
  users: readonly [U, ...U[]],
  options: {
    timeoutMs?: number;
    /** Sign the people in one after another: password checks queue, and a loaded machine makes that queue long. */
    oneAtATime?: boolean;
  } = {},
): DemoSuite<U> {
  const suite = {} as DemoSuite<U>;
  beforeAll(async () => {
    suite.app = await TestApp.start();
    const signIn = async (user: U) => {
      (suite as Record<U, Session>)[user] = await suite.app.login(user);
    };
    if (options.oneAtATime) for (const user of users) await signIn(user);
    else await Promise.all(users.map(signIn));
    suite.committeeId = (await suite.app.committees(suite[users[0]].token)).main.id;
  }, options.timeoutMs);
  afterAll(async () => {
    await suite.app?.close();
  });
  return suite;
}
