import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AgendaItem, Minutes, MinutesRecord } from '@sidang/shared';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { TestDatabase } from '../support/databases.js';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { aUser } from './support/factories.js';
import { TestApp } from './support/harness.js';
import { DocClient, eventually, fetchPdf, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

/**
 * Live co-editing of minutes sections through the server: convergence, persistence across a
 * restart, who may change a document, and that a section above a reader never reaches them.
 */
// A loaded machine: starting an app and hashing passwords may take a while.
jest.setTimeout(120_000);

describe('minutes co-editing', () => {
  let app: TestApp;
  let world: MinutesWorld;
  const sockets: SidangSocket[] = [];
  const clients: DocClient[] = [];

  async function client(token: string, docId: string, target: TestApp = app): Promise<DocClient> {
    const socket = await connectSocket(target.url, token);
    sockets.push(socket);
    const made = new DocClient(socket, docId);
    clients.push(made);
    return made;
  }

  async function joined(token: string, docId: string): Promise<DocClient> {
    const made = await client(token, docId);
    const ack = await made.join();
    if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
    return made;
  }

  async function sectionText(docId: string, token = world.chair.token): Promise<string> {
    const { body } = await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, token);
    return body.sections.find((s) => s.id === docId)?.text ?? '';
  }

  async function storedRows(docId: string): Promise<number> {
    const rows: Array<{ n: string }> = await sql(app).dataSource.query('SELECT count(*) AS n FROM minutes_doc_updates WHERE doc_id = $1', [
      docId,
    ]);
    return Number(rows[0]?.n);
  }

  async function minutesRecord(): Promise<Minutes> {
    return (await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.chair.token)).body;
  }

  async function transition(to: string): Promise<MinutesRecord> {
    const current = await minutesRecord();
    const result = await app.request<MinutesRecord>('POST', `/api/minutes/${current.id}/transition`, world.chair.token, {
      to,
      version: current.version,
    });
    if (result.status !== 200) throw new Error(`transition to ${to}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /** A fresh section (a new agenda item, picked up by the chair's next read). */
  async function freshSection(title: string): Promise<string> {
    const item = await app.request<AgendaItem>('POST', `/api/meetings/${world.meeting.id}/agenda-items`, world.chair.token, { title });
    const minutes = await minutesRecord();
    return minutes.sections.find((s) => s.agendaItemId === item.body.id)?.id as string;
  }

  beforeAll(async () => {
    app = await TestApp.start();
    world = await minutesWorld(app);
  });

  afterAll(async () => {
    for (const made of clients) made.destroy();
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('should converge three editors making random concurrent edits, offline spells included (seeded property)', async () => {
    const command = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('insert', 'insert', 'delete', 'offline', 'online'),
      at: fc.nat({ max: 1000 }),
      text: fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'ŋ'), minLength: 1, maxLength: 4 }),
      length: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40 }), async (commands) => {
        const docId = await freshSection(`Konvergens ${Date.now()}`);
        const editors = [
          await joined(world.chair.token, docId),
          await joined(world.secretariat.token, docId),
          await joined(world.chair.token, docId),
        ];
        editors[0]?.type('mula ');
        await eventually(() => editors.every((e) => e.text() === 'mula '), 10_000);
        for (const { who, kind, at, text, length } of commands) {
          const editor = editors[who] as DocClient;
          const target = editor.paragraph();
          if (kind === 'insert') target.insert(at % (target.length + 1), text);
          if (kind === 'delete' && target.length > 0) {
            const from = at % target.length;
            target.delete(from, Math.min(length, target.length - from));
          }
          if (kind === 'offline') editor.goOffline();
          if (kind === 'online') editor.goOnline();
          // Let some messages interleave with the next edits.
          if (at % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        for (const editor of editors) editor.goOnline();
        await eventually(
          () => editors.every((e) => e.text() === editors[0]?.text()),
          20_000,
          () => JSON.stringify(editors.map((e) => e.text())),
        );
        const expected = editors[0]?.text() as string;
        await eventually(async () => (await sectionText(docId)) === expected.trim(), 10_000);
        for (const editor of editors) editor.leave();
      }),
      { seed: 20261129, numRuns: 4, endOnFailure: true },
    );
  });

  it('should lose nothing over a server restart, and merge what was typed offline meanwhile', async () => {
    const docId = await freshSection('Mulakan semula');
    const writer = await joined(world.secretariat.token, docId);
    const offline = await joined(world.chair.token, docId);
    writer.type('sebelum ');
    await eventually(() => offline.text() === 'sebelum ');
    offline.goOffline();
    offline.type('luar-talian ', 0);

    // The server goes away and comes back on the same database.
    const database = (app as unknown as { database: TestDatabase }).database;
    for (const socket of sockets) socket.disconnect();
    await app.app.close();
    app = await TestApp.start({}, { ...database, drop: async () => undefined });
    Object.assign(app, { database });

    expect(await sectionText(docId)).toBe('sebelum');
    // The offline editor comes back on a new connection with its document as it stands.
    const back = await client(world.chair.token, docId);
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(offline.doc));
    expect((await back.join()).ok).toBe(true);
    await eventually(async () => (await sectionText(docId)) === 'luar-talian sebelum', 10_000);
    const reader = await joined(world.member.token, docId);
    await eventually(() => reader.text() === 'luar-talian sebelum ');
  });

  it("should refuse a member's, an observer's and an out-of-state editor's updates, leaving the document unchanged", async () => {
    const docId = world.openSection;
    const editor = await joined(world.secretariat.token, docId);
    editor.type('asas ');
    await eventually(async () => (await sectionText(docId)) === 'asas');
    const rows = await storedRows(docId);

    for (const user of [world.member, world.observer]) {
      const refused = await client(user.token, docId);
      const ack = await refused.join();
      expect(ack).toEqual({ ok: true, canEdit: false });
      await eventually(() => refused.text() === 'asas ');
      refused.type('DITOLAK');
      await eventually(() => refused.errors.some((e) => e.code === 'read-only'));
    }
    await transition('circulated');
    editor.type('LEWAT');
    await eventually(() => editor.errors.some((e) => e.code === 'read-only'));
    expect(await client(world.chair.token, docId).then((c) => c.join())).toEqual({ ok: true, canEdit: false });

    // The refusal came back on the editor's socket: the server read the edit and kept nothing.
    await editor.delivered();
    expect(await sectionText(docId)).toBe('asas');
    expect(await storedRows(docId)).toBe(rows);
    const witness = await joined(world.secretMember.token, docId);
    await eventually(() => witness.text() === 'asas ');
    await transition('draft');
  });

  it('should give a reader below a SECRET section no update, awareness, text, version or PDF of it', async () => {
    const marker = `RAHSIA-${Date.now()}`;
    const below = [world.member, world.restricted, world.observer];
    const lowClients: DocClient[] = [];
    for (const user of [...below, world.outsider]) {
      const refused = await client(user.token, world.secretSection);
      expect(await refused.join()).toEqual({ ok: false, code: 'not-found', requestId: expect.any(String) });
      lowClients.push(refused);
    }
    // Below readers also sit in the OPEN section, where they are allowed.
    for (const user of below) expect((await (await client(user.token, world.openSection)).join()).ok).toBe(true);
    const control = await joined(world.secretMember.token, world.secretSection);
    const writer = await joined(world.secretariat.token, world.secretSection);
    writer.awareness.setLocalStateField('user', { name: marker });
    writer.type(`${marker} kedudukan`);
    await eventually(() => control.text().includes(marker));
    await eventually(() => [...control.awareness.getStates().values()].some((s) => JSON.stringify(s).includes(marker)));
    // Refused at the join, they are in no room of the section; flush what else was on its way.
    await Promise.all(lowClients.map((low) => low.delivered()));
    for (const low of lowClients) {
      expect(low.received.filter((r) => r.docId === world.secretSection && r.event !== 'doc:error')).toEqual([]);
      expect(low.text()).toBe('');
    }

    await transition('circulated');
    const minutes = await minutesRecord();
    const versions = (await app.request<Array<{ number: number }>>('GET', `/api/minutes/${minutes.id}/versions`, world.chair.token)).body;
    const latest = versions.at(-1)?.number as number;
    for (const user of below) {
      const rest = await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, user.token);
      expect(rest.status).toBe(200);
      expect(JSON.stringify(rest.body)).not.toContain(marker);
      expect(rest.body.sections.map((s) => s.id)).not.toContain(world.secretSection);
      const version = await app.request('GET', `/api/minutes/${minutes.id}/versions/${latest}`, user.token);
      expect(version.status).toBe(200);
      expect(JSON.stringify(version.body)).not.toContain(marker);
      const pdf = await fetchPdf(app.url, minutes.id, user.token);
      expect(pdf.status).toBe(200);
      expect(pdf.pages.join(' ')).not.toContain(marker);
    }
    const outsider = await app.request('GET', `/api/meetings/${world.meeting.id}/minutes`, world.outsider.token);
    expect(outsider.status).toBe(404);
    expect((await app.request('GET', `/api/minutes/${minutes.id}/versions/${latest}`, world.outsider.token)).status).toBe(404);
    expect((await app.request('GET', `/api/minutes/${minutes.id}/pdf`, world.outsider.token)).status).toBe(404);
    // Positive control: the SECRET member reads it on every channel.
    const cleared = await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, world.secretMember.token);
    expect(JSON.stringify(cleared.body)).toContain(marker);
    expect(
      JSON.stringify((await app.request('GET', `/api/minutes/${minutes.id}/versions/${latest}`, world.secretMember.token)).body),
    ).toContain(marker);
    expect((await fetchPdf(app.url, minutes.id, world.secretMember.token)).pages.join(' ')).toContain(marker);
    await transition('draft');
  });

  it('should remove a socket from a document when its clearance is lowered or the section raised above it', async () => {
    const admin = await aUser(app, { isAdmin: true });
    const lowered = await aUser(app, { clearance: 'SECRET' });
    await sql(app).dataSource.query("INSERT INTO memberships (committee_id, user_id, role) VALUES ($1, $2, 'member')", [
      world.committee.id,
      lowered.id,
    ]);
    const watcher = await joined(lowered.token, world.secretSection);
    const writer = await joined(world.secretariat.token, world.secretSection);
    writer.type(' sebelum');
    await eventually(() => watcher.text().includes('sebelum'));
    const [{ version }] = await sql(app).dataSource.query('SELECT version FROM users WHERE id = $1', [lowered.id]);
    const patched = await app.request('PATCH', `/api/admin/users/${lowered.id}`, admin.token, { version, clearance: 'CONFIDENTIAL' });
    expect(patched.status).toBe(200);
    await eventually(() => watcher.errors.some((e) => e.code === 'access'));
    const seen = watcher.received.length;
    writer.type(' SELEPAS-TURUN');
    const control = await joined(world.secretMember.token, world.secretSection);
    await eventually(() => control.text().includes('SELEPAS-TURUN'));
    // Evicted when told `access` (before `seen`): flush anything queued for it before then.
    await watcher.delivered();
    expect(watcher.received.slice(seen).filter((r) => r.event !== 'doc:error')).toEqual([]);

    // The OPEN section raised to SECRET: the CONFIDENTIAL member in it is removed.
    const member = await joined(world.member.token, world.openSection);
    const section = (await minutesRecord()).sections.find((s) => s.id === world.openSection);
    const raised = await app.request('PATCH', `/api/minutes-sections/${world.openSection}`, world.chair.token, {
      version: section?.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    await eventually(() => member.errors.some((e) => e.code === 'access'));
    expect(await member.join()).toEqual({ ok: false, code: 'not-found', requestId: expect.any(String) });
  });
});
