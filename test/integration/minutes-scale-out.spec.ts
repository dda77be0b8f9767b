import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Minutes, MinutesRecord, MinutesVersion } from '@sidang/shared';
import { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { TestApp } from './support/harness.js';
import { AckedEditor, DocClient, eventually, type MinutesWorld, minutesWorld, type RawDocSocket } from './support/minutes-docs.js';

jest.setTimeout(120_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Minutes on two instances of one PostgreSQL database and Redis (the embedded store is one
 * process). Both suites below run on this one pair of instances, each with a committee, people
 * and a meeting of its own (`minutesWorld`): starting two apps is most of what a suite of this
 * kind costs.
 */
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  first = await TestApp.start({ REDIS_URL });
  second = await first.startPeer({ SEED_DEMO: 'false' });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
});

describe('minutes co-editing on two instances', () => {
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
    world = await minutesWorld(first);
  });

  afterAll(() => {
    for (const socket of sockets) socket.disconnect();
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

/**
 * Issue 14, point 5 on two instances (PostgreSQL and Redis; the embedded store is one process):
 * a step asked for on one instance has the editors on the other send what their screens show
 * first, and Redis carries ids only.
 */
describe('minutes: no lost words at a workflow step, on two instances', () => {
  let world: MinutesWorld;
  const sockets: SidangSocket[] = [];

  async function minutes(): Promise<Minutes> {
    return (await first.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token)).body;
  }

  async function move(to: 'circulated' | 'draft') {
    const current = await minutes();
    return first.request<MinutesRecord>('POST', `/api/minutes/${current.id}/transition`, world.chair.token, {
      to,
      version: current.version,
    });
  }

  /** An editor on `target` that answers doc:flush by sending `onScreen` first (as the browser's provider does). */
  async function editorHolding(target: TestApp, token: string, onScreen: string): Promise<{ asked: () => number }> {
    const socket = await connectSocket(target.url, token);
    sockets.push(socket);
    const editor = new AckedEditor(socket, world.openSection);
    expect(await editor.join()).toMatchObject({ ok: true });
    // Its cursor, as every browser editor has: how the other instances know it is in the document.
    const awareness = new awarenessProtocol.Awareness(editor.doc);
    awareness.setLocalState({ user: { name: 'Urus Setia', color: '#1d6fb8' } });
    socket.emit('doc:awareness', {
      docId: world.openSection,
      message: awarenessProtocol.encodeAwarenessUpdate(awareness, [editor.doc.clientID]),
    });
    awareness.destroy();
    let asked = 0;
    (socket as unknown as RawDocSocket).on('doc:flush', ((request: { docId: string }, answer: (ack: { ok: true }) => void) => {
      if (request.docId !== world.openSection) return;
      asked += 1;
      void editor.type(` ${onScreen}`).then(() => setTimeout(() => answer({ ok: true }), 300));
    }) as (...args: never[]) => void);
    return { asked: () => asked };
  }

  beforeAll(async () => {
    world = await minutesWorld(first);
  });

  afterAll(() => {
    for (const socket of sockets) socket.disconnect();
  });

  it('should have an editor on the other instance flush before the step, with ids only on Redis', async () => {
    const spy = new Redis(REDIS_URL);
    const messages: string[] = [];
    spy.on('message', (_channel, message: string) => messages.push(message));
    await spy.subscribe('sidang:minutes-flush', 'sidang:minutes-flushed');
    try {
      const onSecond = `ON-SECOND-${randomUUID()}`;
      const onFirst = `ON-FIRST-${randomUUID()}`;
      const far = await editorHolding(second, world.secretariat.token, onSecond);
      // Positive control on the instance that takes the request.
      const near = await editorHolding(first, world.chair.token, onFirst);
      // The far editor's cursor is kept in PostgreSQL for the first instance to see.
      await eventually(async () => (await awarenessRows()) >= 2);

      expect((await move('circulated')).status).toBe(200);
      expect(far.asked()).toBe(1);
      expect(near.asked()).toBe(1);
      const current = await minutes();
      const text = current.sections.find((section) => section.id === world.openSection)?.text ?? '';
      expect(text).toContain(onSecond);
      expect(text).toContain(onFirst);
      const versions = (await first.request<Array<{ number: number }>>('GET', `/api/minutes/${current.id}/versions`, world.chair.token))
        .body;
      const version = (
        await first.request<MinutesVersion>('GET', `/api/minutes/${current.id}/versions/${versions.at(-1)?.number}`, world.chair.token)
      ).body;
      expect(version.text).toContain(onSecond);
      expect(version.text).toContain(onFirst);

      await eventually(() => messages.length >= 2);
      for (const message of messages) {
        expect(message).not.toContain('ON-');
        const keys = Object.keys(JSON.parse(message) as Record<string, unknown>).sort();
        expect([
          ['docIds', 'flushId', 'from'],
          ['flushId', 'instanceId'],
        ]).toContainEqual(keys);
      }
    } finally {
      await spy.quit();
    }
  });

  async function awarenessRows(): Promise<number> {
    const rows: Array<{ n: number }> = await sql(first).dataSource.query(
      'SELECT count(*)::int AS n FROM minutes_doc_awareness WHERE doc_id = $1',
      [world.openSection],
    );
    return rows[0]?.n ?? 0;
  }
});
