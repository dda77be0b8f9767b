import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AgendaItem, Minutes, MinutesRecord } from '@sidang/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DOC_FIELD } from '../../server/src/modules/minutes/minutes-doc.js';
import { encodeAwarenessEntries } from '../../server/src/modules/minutes/minutes-doc-limits.js';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { TestApp } from './support/harness.js';
import { DocClient, eventually, fetchPdf, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

/**
 * The co-editing socket under hostile input: an update nesting elements thousands deep (sent,
 * or already stored), awareness spoofing another editor's cursor, one message of 20,000
 * awareness entries, and floods. The minutes stay readable and editable for everyone else.
 */
jest.setTimeout(180_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Small budgets, so a flood is quick to send; an honest editor stays far below them. */
const BURST = 40;
const PER_SECOND = 20;

/** `depth` paragraphs each inside the last, with `text` at the bottom (built level by level). */
function nestedUpdate(depth: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(DOC_FIELD);
    for (let n = 0; n < depth; n += 1) {
      parent.insert(0, [new Y.XmlElement('paragraph')]);
      parent = parent.get(0) as Y.XmlElement;
    }
    parent.insert(0, [new Y.XmlText(text)]);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Every awareness payload a socket receives, as text (states are JSON inside). */
function awarenessLog(socket: SidangSocket): string[] {
  const log: string[] = [];
  (socket as unknown as { on(event: string, listener: (body: { message: Uint8Array | ArrayBuffer }) => void): void }).on(
    'doc:awareness',
    ({ message }) => log.push(Buffer.from(message instanceof ArrayBuffer ? new Uint8Array(message) : message).toString('utf8')),
  );
  return log;
}

function emitRaw(socket: SidangSocket, event: 'doc:sync' | 'doc:awareness', docId: string, message: Uint8Array): void {
  (socket as unknown as { emit(event: string, body: unknown): void }).emit(event, { docId, message });
}

describe('minutes co-editing under hostile input', () => {
  let app: TestApp;
  let world: MinutesWorld;
  const sockets: SidangSocket[] = [];
  const clients: DocClient[] = [];

  async function joined(token: string, docId: string): Promise<DocClient> {
    const socket = await connectSocket(app.url, token);
    sockets.push(socket);
    const made = new DocClient(socket, docId);
    clients.push(made);
    const ack = await made.join();
    if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
    await eventually(() => made.received.some((r) => r.event === 'doc:sync'));
    return made;
  }

  async function minutesRecord(token = world.chair.token): Promise<{ status: number; body: Minutes }> {
    return app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, token);
  }

  async function transition(to: string): Promise<number> {
    const current = (await minutesRecord()).body;
    const result = await app.request<MinutesRecord>('POST', `/api/minutes/${current.id}/transition`, world.chair.token, {
      to,
      version: current.version,
    });
    return result.status;
  }

  async function freshSection(title: string): Promise<string> {
    const item = await app.request<AgendaItem>('POST', `/api/meetings/${world.meeting.id}/agenda-items`, world.chair.token, { title });
    const minutes = (await minutesRecord()).body;
    return minutes.sections.find((s) => s.agendaItemId === item.body.id)?.id as string;
  }

  async function storedBytes(docId: string): Promise<number> {
    const rows: Array<{ n: string | null }> = await sql(app).dataSource.query(
      'SELECT sum(length(update)) AS n FROM minutes_doc_updates WHERE doc_id = $1',
      [docId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** How many awareness rows of `docId` carry `text` (a state is JSON inside its encoded update). */
  async function awarenessRowsWith(docId: string, text: string): Promise<number> {
    const rows: Array<{ message: Buffer }> = await sql(app).dataSource.query(
      'SELECT message FROM minutes_doc_awareness WHERE doc_id = $1',
      [docId],
    );
    return rows.filter((row) => Buffer.from(row.message).toString('utf8').includes(text)).length;
  }

  async function awarenessRows(docId: string): Promise<number> {
    const rows: Array<{ n: string }> = await sql(app).dataSource.query(
      'SELECT count(*) AS n FROM minutes_doc_awareness WHERE doc_id = $1',
      [docId],
    );
    return Number(rows[0]?.n);
  }

  /** GET of the minutes, their PDF and a step there and back all answer (and show `marker`). */
  async function stillServed(marker: string): Promise<void> {
    const rest = await minutesRecord();
    expect(rest.status).toBe(200);
    expect(JSON.stringify(rest.body)).toContain(marker);
    const pdf = await fetchPdf(app.url, rest.body.id, world.chair.token);
    expect(pdf.status).toBe(200);
    expect(pdf.pages.join(' ')).toContain(marker);
    expect(await transition('circulated')).toBe(200);
    const versions = await app.request<Array<{ number: number }>>('GET', `/api/minutes/${rest.body.id}/versions`, world.chair.token);
    expect(versions.status).toBe(200);
    const latest = versions.body.at(-1)?.number as number;
    const version = await app.request('GET', `/api/minutes/${rest.body.id}/versions/${latest}`, world.member.token);
    expect(version.status).toBe(200);
    expect(JSON.stringify(version.body)).toContain(marker);
    expect(await transition('draft')).toBe(200);
  }

  beforeAll(async () => {
    app = await TestApp.start({
      REDIS_URL,
      MINUTES_DOC_MESSAGES_BURST: String(BURST),
      MINUTES_DOC_MESSAGES_PER_SECOND: String(PER_SECOND),
    });
    world = await minutesWorld(app);
  });

  afterAll(async () => {
    for (const made of clients) made.destroy();
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('should refuse an update nesting 5,000 paragraphs with doc:error, store and pass on none of it, and keep the minutes served', async () => {
    const docId = await freshSection('Kemasukan bersarang');
    // No hyphens in what the PDF must show: pdfmake may break a line at one.
    const marker = `MARKER${randomUUID().replaceAll('-', '')}`;
    const deep = `DEEP-${randomUUID()}`;
    const editor = await joined(world.chair.token, docId);
    const peer = await joined(world.secretariat.token, docId);
    editor.type(`${marker} `);
    // Positive control: an ordinary edit is stored and reaches the other editor.
    await eventually(() => peer.text().includes(marker));
    const before = await storedBytes(docId);

    editor.sendUpdate(nestedUpdate(5_000, deep));
    await eventually(() => editor.errors.some((e) => e.code === 'too-deep'));
    // The refused update was not kept: an edit after it is (and reaches the peer), the deep one is not.
    editor.type('selepas ');
    await eventually(() => peer.text().includes('selepas'));
    await peer.delivered();
    expect(peer.doc.getXmlFragment(DOC_FIELD).toJSON()).not.toContain(deep);
    expect(peer.received.every((r) => r.size < 20_000)).toBe(true);
    expect((await storedBytes(docId)) - before).toBeLessThan(1_000);
    expect(JSON.stringify((await minutesRecord()).body)).not.toContain(deep);

    await stillServed(marker);
  });

  it('should keep the minutes, their PDF and the workflow answering with a hostile document already stored', async () => {
    const docId = await freshSection('Dokumen ditanam');
    const deep = `PLANTED${randomUUID().replaceAll('-', '')}`;
    await sql(app).dataSource.query('INSERT INTO minutes_doc_updates (doc_id, update) VALUES ($1, $2)', [
      docId,
      Buffer.from(nestedUpdate(5_000, deep)),
    ]);
    // And a row that is no update at all: left out, not a failure.
    await sql(app).dataSource.query('INSERT INTO minutes_doc_updates (doc_id, update) VALUES ($1, $2)', [
      docId,
      Buffer.from([200, 1, 2, 3, 4, 5]),
    ]);
    // Its text is read (the walk reaches the bottom), for the web view, the PDF and the versions alike.
    await stillServed(deep);
    // The document still opens for co-editing; typing into it is stored and its search text refreshed without failing.
    const editor = await joined(world.chair.token, docId);
    const peer = await joined(world.secretariat.token, docId);
    const typed = `MARKER-${randomUUID()}`;
    editor.sendUpdate(
      (() => {
        const text = new Y.Doc();
        text.getXmlFragment(DOC_FIELD).insert(0, [new Y.XmlElement('paragraph')]);
        (text.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).insert(0, [new Y.XmlText(typed)]);
        return Y.encodeStateAsUpdate(text);
      })(),
    );
    // That edit adds an element to a document already beyond the limit: refused, not a crash.
    await eventually(() => editor.errors.some((e) => e.code === 'too-deep'));
    expect((await minutesRecord()).status).toBe(200);
    expect(peer.errors).toEqual([]);
  });

  it("should not pass on awareness a reader sends for another editor's client id, while a real cursor is passed on", async () => {
    const docId = await freshSection('Kursor');
    const chair = await joined(world.chair.token, docId);
    const observer = await joined(world.observer.token, docId);
    const watcher = await joined(world.secretMember.token, docId);
    const seen = awarenessLog(watcher.socket);
    const chairName = `CHAIR-${randomUUID()}`;
    chair.awareness.setLocalState({ user: { name: chairName }, cursor: { anchor: 1, head: 1 } });
    // Positive control: the chair's cursor reaches the watcher.
    await eventually(
      () => (watcher.awareness.getStates().get(chair.doc.clientID) as { user?: { name?: string } })?.user?.name === chairName,
    );

    const spoof = `SPOOF-${randomUUID()}`;
    const chairId = chair.doc.clientID;
    emitRaw(
      observer.socket,
      'doc:awareness',
      docId,
      encodeAwarenessEntries([
        { clientId: chairId, clock: 1_000, state: JSON.stringify({ user: { name: spoof }, cursor: { anchor: 9, head: 9 } }) },
      ]),
    );
    emitRaw(observer.socket, 'doc:awareness', docId, encodeAwarenessEntries([{ clientId: chairId, clock: 1_001, state: 'null' }]));
    // A read-only member may show its own cursor (the design allows it) but not change the text.
    const observerName = `OBSERVER-${randomUUID()}`;
    observer.awareness.setLocalState({ user: { name: observerName } });
    await eventually(() => seen.some((text) => text.includes(observerName)));
    observer.type('DITOLAK');
    await eventually(() => observer.errors.some((e) => e.code === 'read-only'));
    // And the chair's next move still arrives, after anything the observer sent.
    chair.awareness.setLocalStateField('cursor', { anchor: 2, head: 3 });
    await eventually(() => seen.some((text) => text.includes(chairName) && text.includes('"head":3')));
    await watcher.delivered();
    expect(seen.join('\n')).not.toContain(spoof);
    expect((watcher.awareness.getStates().get(chairId) as { user?: { name?: string } })?.user?.name).toBe(chairName);
    expect(watcher.text()).not.toContain('DITOLAK');
  });

  it('should refuse one message of 20,000 awareness entries and keep the awareness table small, writing nothing after the socket is gone', async () => {
    const docId = await freshSection('Kesedaran banjir');
    const watcher = await joined(world.secretMember.token, docId);
    const seen = awarenessLog(watcher.socket);
    const chair = await joined(world.chair.token, docId);
    const chairName = `CHAIR-${randomUUID()}`;
    chair.awareness.setLocalState({ user: { name: chairName } });
    // Positive control: a real cursor is kept in the table (for other instances) and passed on.
    await eventually(async () => (await awarenessRows(docId)) === 1);
    await eventually(() => seen.some((text) => text.includes(chairName)));

    const attacker = await joined(world.member.token, docId);
    // Short states, so the 20,000 entries fit in one frame (≈ 400 KB): the server must read them, not the transport.
    const marker = `F${randomUUID().slice(0, 8)}`;
    const entries = Array.from({ length: 20_000 }, (_, n) => ({ clientId: 1_000_000 + n, clock: 1, state: JSON.stringify({ f: marker }) }));
    emitRaw(attacker.socket, 'doc:awareness', docId, encodeAwarenessEntries(entries));
    await eventually(() => attacker.errors.some((e) => e.code === 'invalid'));
    // Within the entry cap, new client ids one after another: the socket speaks for four at most.
    for (let n = 0; n < 30; n += 1) {
      emitRaw(attacker.socket, 'doc:awareness', docId, encodeAwarenessEntries(entries.slice(n * 4, n * 4 + 4)));
    }
    // The server has read all 30 (one round trip on the same socket). Its table writes are queued
    // and made in order: once a later move of the chair's is in the table, so is all of the flood.
    await attacker.delivered();
    const chairWritten = async () => {
      const mark = `MOVE-${randomUUID()}`;
      chair.awareness.setLocalStateField('cursor', { mark });
      await eventually(async () => (await awarenessRowsWith(docId, mark)) === 1);
    };
    await chairWritten();
    const during = await awarenessRows(docId);
    expect(during).toBeLessThanOrEqual(1 + 4);
    expect(await awarenessRowsWith(docId, marker)).toBeGreaterThan(0);
    attacker.socket.disconnect();
    // The server let the socket's states go: their rows now hold the removal, not the marker.
    await eventually(async () => (await awarenessRowsWith(docId, marker)) === 0);
    const after = await awarenessRows(docId);
    // Nothing more is written for it: a later write of the chair's finds the same rows.
    await chairWritten();
    expect(await awarenessRows(docId)).toBe(after);
    expect(after).toBeLessThanOrEqual(1 + 4);
    // What reached the watcher of the flood: the few ids let through, never thousands.
    expect(seen.filter((text) => text.includes(marker)).length).toBeLessThanOrEqual(30 + 4);
    expect(Math.max(0, ...seen.map((text) => text.length))).toBeLessThan(2_000);
    // Its own state, the chair's and at most the attacker's four.
    expect(watcher.awareness.getStates().size).toBeLessThanOrEqual(2 + 4);
    expect((watcher.awareness.getStates().get(chair.doc.clientID) as { user?: { name?: string } })?.user?.name).toBe(chairName);
  });

  it('should drop a flood of messages with one doc:error while a normal editor still gets through, and cut off a socket that keeps on', async () => {
    const docId = await freshSection('Banjir mesej');
    const editor = await joined(world.chair.token, docId);
    const peer = await joined(world.secretariat.token, docId);
    const flooder = await joined(world.member.token, docId);
    const seen = awarenessLog(peer.socket);
    const marker = `RATE-${randomUUID()}`;
    const clientId = flooder.doc.clientID;
    // Three times the burst of cursor moves at once: most are dropped, the socket is told once and stays.
    for (let n = 1; n <= BURST * 3; n += 1) {
      emitRaw(
        flooder.socket,
        'doc:awareness',
        docId,
        encodeAwarenessEntries([{ clientId, clock: n, state: JSON.stringify({ m: marker, n }) }]),
      );
    }
    await eventually(() => flooder.errors.some((e) => e.code === 'rate-limited'));
    // And sync requests (each makes the server encode the document) are budgeted the same way.
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    const syncsBefore = flooder.received.filter((r) => r.event === 'doc:sync').length;
    for (let n = 0; n < BURST * 3; n += 1) emitRaw(flooder.socket, 'doc:sync', docId, encoding.toUint8Array(step1));
    // The honest editor meanwhile: typed, stored and passed on.
    const typed = `MARKER-${randomUUID()}`;
    editor.type(typed);
    await eventually(() => peer.text().includes(typed));
    // Both refusals (awareness and sync) told, then every frame the flood earned has arrived.
    await eventually(() => flooder.errors.filter((e) => e.code === 'rate-limited').length >= 2);
    await flooder.delivered();
    expect(flooder.socket.connected).toBe(true);
    expect(flooder.errors.filter((e) => e.code === 'rate-limited')).toHaveLength(2);
    const relayed = seen.filter((text) => text.includes(marker)).length;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThan(BURST * 2);
    const replies = flooder.received.filter((r) => r.event === 'doc:sync').length - syncsBefore;
    expect(replies).toBeGreaterThan(0);
    expect(replies).toBeLessThan(BURST * 2);
    expect(JSON.stringify((await minutesRecord()).body)).toContain(typed);

    // A socket that goes on far beyond its budget is disconnected; the others are not.
    const disconnected = new Promise<void>((resolve) => flooder.socket.once('disconnect', () => resolve()));
    for (let n = 0; n < BURST * 12; n += 1) {
      emitRaw(flooder.socket, 'doc:awareness', docId, encodeAwarenessEntries([{ clientId, clock: 10_000 + n, state: '{}' }]));
    }
    await disconnected;
    expect(editor.socket.connected).toBe(true);
    editor.type(' lagi');
    await eventually(() => peer.text().includes(`${typed} lagi`));
  });
});
