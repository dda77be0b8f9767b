import { afterAll, beforeAll } from '@jest/globals';
import type { SidangSocket } from '../../support/sockets.js';
import { TestApp } from './harness.js';
import { type MinutesWorld, minutesWorld } from './minutes-docs.js';

/** What a suite started by `minutesSuite` shares; tests add the sockets and providers they open, to be closed at the end. */
export interface MinutesSuite {
  app: TestApp;
  world: MinutesWorld;
  sockets: SidangSocket[];
  providers: { destroy(): void }[];
}

/**
 * The start the minutes co-editing suites share, as their `beforeAll` and `afterAll`: an app on a
 * fresh database with the demo data and the minutes world on it; at the end, every provider and
 * socket the tests opened is closed before the app. The object returned is filled in by the
 * `beforeAll`; read it in tests and hooks, not while the suite is being declared.
 */
export function minutesSuite(): MinutesSuite {
  const suite = { sockets: [], providers: [] } as Pick<MinutesSuite, 'sockets' | 'providers'> as MinutesSuite;
  beforeAll(async () => {
    suite.app = await TestApp.start();
    suite.world = await minutesWorld(suite.app);
  });
  afterAll(async () => {
    for (const provider of suite.providers) provider.destroy();
    for (const socket of suite.sockets) socket.disconnect();
    await suite.app?.close();
  });
  return suite;
}
