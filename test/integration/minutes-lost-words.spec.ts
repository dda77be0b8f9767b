import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import type { DocSyncAck, Minutes, MinutesRecord, MinutesVersion } from '@sidang/shared';
import type { QueryRunner } from 'typeorm';
import * as Y from 'yjs';
import { type DocChannel, SocketYjsProvider } from '../../client/src/features/minutes/collab/socket-yjs-provider.ts';
import { connectSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { until } from './support/harness.js';
import { AckedEditor, eventually, type RawDocSocket } from './support/minutes-docs.js';
import { minutesSuite } from './support/minutes-suite.js';

jest.setTimeout(120_000);

/**
 * Issue 14, point 5: no words are lost at a workflow step. Updates that reach the server before a
 * step that ends editing are in the stored text and in the step's version; the step asks the
 * editors' screens to send what they show and waits for them; an update after it is refused with
 * a resync; updates are acknowledged once stored.
 */
describe('minutes: no lost words at a workflow step', () => {
  const suite = minutesSuite();

  async function minutes(token = suite.world.chair.token): Promise<Minutes> {
    return (await suite.app.request<Minutes>('GET', `/api/meetings/${suite.world.meeting.id}/minutes`, token)).body;
  }

  async function move(to: 'circulated' | 'draft') {
    const current = await minutes();
    return suite.app.request<MinutesRecord>('POST', `/api/minutes/${current.id}/transition`, suite.world.chair.token, {
      to,
      version: current.version,
    });
  }

  /**
   * Resolves once a writer waits for `step` (a transaction holding the minutes row): on PostgreSQL
   * for a lock the step holds, on the embedded store for its one connection, which the step holds.
   */
  async function waitingFor(step: QueryRunner): Promise<void> {
    if (suite.app.store === 'postgres') {
      await until(async () => {
        const rows: Array<{ n: string }> = await step.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return Number(rows[0]?.n) > 0;
      }, 'a writer waiting for the step’s lock');
    } else {
      const pool = (sql(suite.app).dataSource.driver as unknown as { master: { waitingCount: number } }).master;
      await until(() => pool.waitingCount > 0, 'a writer waiting for the step’s connection');
    }
  }

  async function sectionText(docId: string, token = suite.world.chair.token): Promise<string> {
    return (await minutes(token)).sections.find((section) => section.id === docId)?.text ?? '';
  }

  async function latestVersion(): Promise<MinutesVersion> {
    const current = await minutes();
    const list = (await suite.app.request<Array<{ number: number }>>('GET', `/api/minutes/${current.id}/versions`, suite.world.chair.token))
      .body;
    const last = list.at(-1)?.number ?? 0;
    return (await suite.app.request<MinutesVersion>('GET', `/api/minutes/${current.id}/versions/${last}`, suite.world.chair.token)).body;
  }

  async function editor(token: string, docId = suite.world.openSection): Promise<AckedEditor> {
    const socket = await connectSocket(suite.app.url, token);
    suite.sockets.push(socket);
    const client = new AckedEditor(socket, docId);
    expect(await client.join()).toMatchObject({ ok: true });
    return client;
  }

  it('should acknowledge an update once it is stored, and refuse one after circulation with a resync', async () => {
    const chair = await editor(suite.world.chair.token);
    const kept = `KEPT-${randomUUID()}`;
    expect(await chair.type(` ${kept}`)).toEqual({ ok: true });
    // Acknowledged means stored: readable at once, no waiting.
    expect(await sectionText(suite.world.openSection)).toContain(kept);

    expect((await move('circulated')).status).toBe(200);
    const late = `LATE-${randomUUID()}`;
    expect(await chair.type(` ${late}`)).toEqual({ ok: false, code: 'read-only', requestId: expect.any(String) });
    await eventually(() => chair.errors.some((error) => error.code === 'read-only' && error.resync === true));
    expect(await sectionText(suite.world.openSection)).not.toContain(late);
    expect((await latestVersion()).text).not.toContain(late);
    expect((await latestVersion()).text).toContain(kept);

    // Back to draft: a client going on from its refused words (no resync) is refused again, not
    // stored as an update that could never join the text; a fresh copy, as the resync gives, is kept.
    expect((await move('draft')).status).toBe(200);
    const onRefused = `ON-REFUSED-${randomUUID()}`;
    expect(await chair.type(` ${onRefused}`)).toEqual({ ok: false, code: 'read-only', requestId: expect.any(String) });
    const rows: Array<{ n: number }> = await sql(suite.app).dataSource.query(
      `SELECT count(*)::int AS n FROM minutes_doc_updates WHERE doc_id = $1 AND position($2::bytea in update) > 0`,
      [suite.world.openSection, Buffer.from(onRefused)],
    );
    expect(rows[0]?.n).toBe(0);
    const again = `AGAIN-${randomUUID()}`;
    expect(await (await editor(suite.world.chair.token)).type(` ${again}`)).toEqual({ ok: true });
    expect(await sectionText(suite.world.openSection)).toContain(again);
  });

  it('should keep every update sent before and while the transition is asked for, in the text and in its version', async () => {
    const a = await editor(suite.world.secretariat.token);
    const b = await editor(suite.world.chair.token);
    const words: Array<{ client: AckedEditor; word: string; beforeRequest: boolean; ack: Promise<DocSyncAck> }> = [];
    let requested = false;
    const send = (client: AckedEditor, n: number) => {
      const word = `W${n}-${randomUUID().slice(0, 8)}`;
      words.push({ client, word, beforeRequest: !requested, ack: client.type(` ${word}`) });
    };
    // Both editors type; the step is asked for in the middle of the stream, which goes on after it.
    for (let n = 0; n < 12; n += 1) send(n % 2 === 0 ? a : b, n);
    requested = true;
    const step = move('circulated');
    for (let n = 12; n < 24; n += 1) {
      send(n % 2 === 0 ? a : b, n);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await step).status).toBe(200);
    const acks = await Promise.all(words.map((entry) => entry.ack));
    const stored = await sectionText(suite.world.openSection);
    const version = await latestVersion();
    expect(version.status).toBe('circulated');
    const inVersion = version.sections.find((section) => section.sectionId === suite.world.openSection)?.text ?? '';

    // Nothing is stored after the step's snapshot: the version is the text.
    expect(inVersion).toBe(stored);
    words.forEach((entry, n) => {
      const ack = acks[n] as DocSyncAck;
      // Everything sent before the request is kept; after it, kept (acknowledged) or refused with a resync.
      if (entry.beforeRequest) expect({ word: entry.word, ack }).toEqual({ word: entry.word, ack: { ok: true } });
      if (ack.ok) expect(stored).toContain(entry.word);
      else {
        expect(ack).toEqual({ ok: false, code: 'read-only', requestId: expect.any(String) });
        expect(stored).not.toContain(entry.word);
        expect(entry.client.errors.some((error) => error.code === 'read-only' && error.resync === true)).toBe(true);
      }
    });
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(12);
    expect((await move('draft')).status).toBe(200);
  });

  it("should decide an update arriving while a step is being committed under the step's lock: refused once it ended editing", async () => {
    const current = await minutes();
    const editorDoc = await editor(suite.world.secretariat.token);
    // A step in progress, as the transition holds it: the minutes row taken for update.
    const step = sql(suite.app).dataSource.createQueryRunner();
    await step.connect();
    await step.startTransaction();
    let answered = false;
    let pending: Promise<DocSyncAck> | undefined;
    try {
      await step.query('SELECT id FROM minutes WHERE id = $1 FOR UPDATE', [current.id]);
      const during = `DURING-${randomUUID()}`;
      pending = editorDoc.type(` ${during}`).then((ack) => {
        answered = true;
        return ack;
      });
      // It waits for the step rather than being stored beside it.
      await waitingFor(step);
      expect(answered).toBe(false);
      await step.query(`UPDATE minutes SET status = 'circulated', version = version + 1 WHERE id = $1`, [current.id]);
      await step.commitTransaction();
      // Its connection back to the pool (the embedded store's only one).
      await step.release();
      expect(await pending).toEqual({ ok: false, code: 'read-only', requestId: expect.any(String) });
      await eventually(() => editorDoc.errors.some((error) => error.code === 'read-only' && error.resync === true));
      expect(await sectionText(suite.world.openSection)).not.toContain(during);
    } finally {
      if (step.isTransactionActive) await step.rollbackTransaction();
      if (!step.isReleased) await step.release();
    }
    expect((await move('draft')).status).toBe(200);

    // Positive control: a step that does not happen (rolled back) lets the waiting update in.
    const again = await minutes();
    const fresh = await editor(suite.world.secretariat.token);
    const held = sql(suite.app).dataSource.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    const kept = `KEPT-AFTER-WAIT-${randomUUID()}`;
    let waiting: Promise<DocSyncAck> | undefined;
    try {
      await held.query('SELECT id FROM minutes WHERE id = $1 FOR UPDATE', [again.id]);
      waiting = fresh.type(` ${kept}`);
      await waitingFor(held);
    } finally {
      await held.rollbackTransaction();
      await held.release();
    }
    expect(await waiting).toEqual({ ok: true });
    expect(await sectionText(suite.world.openSection)).toContain(kept);
  });

  it('should ask every editor in the section to flush and wait for it before circulating', async () => {
    const editorDoc = await editor(suite.world.secretariat.token);
    // A screen that still holds words when asked: it sends them, then answers (as the browser's provider does).
    const onScreen = `ON-SCREEN-${randomUUID()}`;
    let asked = 0;
    (editorDoc.socket as unknown as RawDocSocket).on('doc:flush', ((request: { docId: string }, answer: (ack: { ok: true }) => void) => {
      if (request.docId !== suite.world.openSection) return;
      asked += 1;
      void editorDoc.type(` ${onScreen}`).then(() => setTimeout(() => answer({ ok: true }), 200));
    }) as (...args: never[]) => void);
    // The browser's provider on another socket: a screen with nothing pending answers at once.
    const providerSocket = await connectSocket(suite.app.url, suite.world.chair.token);
    suite.sockets.push(providerSocket);
    const provider = new SocketYjsProvider(providerSocket as unknown as DocChannel, suite.world.openSection, new Y.Doc());
    suite.providers.push(provider);
    await eventually(() => provider.getState().status === 'synced');

    expect((await move('circulated')).status).toBe(200);
    expect(asked).toBe(1);
    expect(await sectionText(suite.world.openSection)).toContain(onScreen);
    expect((await latestVersion()).text).toContain(onScreen);
    // The words reached the other screen too, and the reader's copy (positive control of the relay).
    await eventually(() => provider.doc.getXmlFragment('default').toString().includes(onScreen));
    expect(await sectionText(suite.world.openSection, suite.world.member.token)).toContain(onScreen);
    expect((await move('draft')).status).toBe(200);
  });

  it("should make the client's provider give back refused words and take the server's text again", async () => {
    const socket = await connectSocket(suite.app.url, suite.world.secretariat.token);
    suite.sockets.push(socket);
    const doc = new Y.Doc();
    const provider = new SocketYjsProvider(socket as unknown as DocChannel, suite.world.openSection, doc);
    suite.providers.push(provider);
    await eventually(() => provider.getState().status === 'synced' && provider.getState().canEdit);
    const saved = `SAVED-${randomUUID()}`;
    const paragraph = (text: string) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment('default').push([element]);
    };
    paragraph(saved);
    await eventually(() => !provider.getState().saving);
    expect(await sectionText(suite.world.openSection)).toContain(saved);

    // Circulated by someone else; this screen has not heard yet and types on.
    const current = await minutes();
    const other = await suite.app.request('POST', `/api/minutes/${current.id}/transition`, suite.world.chair.token, {
      to: 'circulated',
      version: current.version,
    });
    expect(other.status).toBe(200);
    const refused = `REFUSED-${randomUUID()}`;
    paragraph(refused);
    await eventually(
      () => provider.getState().resync,
      15_000,
      () => JSON.stringify(provider.getState()),
    );
    expect(provider.getState().saving).toBe(false);
    expect(await sectionText(suite.world.openSection)).not.toContain(refused);
    expect(await sectionText(suite.world.openSection)).toContain(saved);
    expect((await move('draft')).status).toBe(200);
  });
});
