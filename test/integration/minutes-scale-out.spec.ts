import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Minutes } from '@sidang/shared';
import { Redis } from 'ioredis';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { TestApp } from './support/harness.js';
import { DocClient, eventually, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

jest.setTimeout(120_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two instances on one PostgreSQL and Redis: editors on either converge; Redis carries ids only. */
describe('minutes co-editing on two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let world: MinutesWorld;
  const sockets: SidangSocket[] = [];

  async function joined(target: TestApp, token: string, docId: string): Promise<DocClient> {
    const socket = await connectSocket(target.url, token);
    sockets.push(socket);
    const client = new DocClient(socket, docId);
    const ack = await client.join();
    if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
    return client;
  }

  beforeAll(async () => {
    first = await TestApp.start({ REDIS_URL });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    world = await minutesWorld(first);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await second?.close();
    await first?.close();
  });

  it('should converge editors on different instances, with only {docId, updateId} on Redis', async () => {
    const spy = new Redis(REDIS_URL);
    const messages: string[] = [];
    spy.on('message', (_channel, message: string) => messages.push(message));
    await spy.subscribe('sidang:minutes-doc');
    try {
      const marker = `RAHSIA-${Date.now()}`;
      const onFirst = await joined(first, world.chair.token, world.secretSection);
      const onSecond = await joined(second, world.secretariat.token, world.secretSection);
      const readerOnSecond = await joined(second, world.secretMember.token, world.secretSection);
      onFirst.type(`${marker} satu `);
      await eventually(() => onSecond.text().includes(marker));
      // Concurrent edits on both instances.
      for (let n = 0; n < 20; n += 1) {
        onFirst.type(`a${n} `, n % 5);
        onSecond.type(`b${n} `, 0);
      }
      await eventually(
        () => onFirst.text() === onSecond.text() && readerOnSecond.text() === onFirst.text() && onFirst.text().includes('b19'),
        15_000,
        () => JSON.stringify([onFirst.text(), onSecond.text(), readerOnSecond.text()]),
      );
      for (const target of [first, second]) {
        const { body } = await target.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token);
        expect(body.sections.find((s) => s.id === world.secretSection)?.text).toBe(onFirst.text().trim());
      }
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        const parsed = JSON.parse(message) as Record<string, unknown>;
        expect(Object.keys(parsed).sort()).toEqual(['docId', 'updateId']);
        expect(message).not.toContain(marker);
      }
    } finally {
      await spy.quit();
    }
  });

  it('should show a cursor set on one instance to a client on the other, removed within 5 s of disconnect; Redis carries {docId} only', async () => {
    const spy = new Redis(REDIS_URL);
    const messages: string[] = [];
    spy.on('message', (_channel, message: string) => messages.push(message));
    await spy.subscribe('sidang:minutes-awareness');
    try {
      const name = `Kursor-${Date.now()}`;
      const watcherOnSecond = await joined(second, world.secretariat.token, world.openSection);
      const writerOnFirst = await joined(first, world.chair.token, world.openSection);
      const writerId = writerOnFirst.doc.clientID;
      const seen = () => watcherOnSecond.awareness.getStates().get(writerId) as { user?: { name?: string }; cursor?: unknown } | undefined;
      writerOnFirst.awareness.setLocalState({ user: { name }, cursor: { anchor: 3, head: 7 } });
      await eventually(
        () => seen()?.user?.name === name,
        10_000,
        () => JSON.stringify([...watcherOnSecond.awareness.getStates()]),
      );
      expect(seen()?.cursor).toEqual({ anchor: 3, head: 7 });
      // A client joining later on the second instance is told at once.
      const lateOnSecond = await joined(second, world.member.token, world.openSection);
      await eventually(
        () => (lateOnSecond.awareness.getStates().get(writerId) as { user?: { name?: string } } | undefined)?.user?.name === name,
      );

      const gone = Date.now();
      writerOnFirst.socket.disconnect();
      await eventually(() => !watcherOnSecond.awareness.getStates().has(writerId), 5_000);
      expect(Date.now() - gone).toBeLessThan(5_000);

      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(Object.keys(JSON.parse(message) as Record<string, unknown>)).toEqual(['docId']);
        expect(message).not.toContain(name);
      }
    } finally {
      await spy.quit();
    }
  });
});
