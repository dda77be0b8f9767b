import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, Annotation, DocumentFileVersion, DocumentRecord, Meeting, SearchResponse } from '@sidang/shared';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';
import { aMeeting, aPdf } from './support/factories.js';
import { delivered, type LiveClient } from './support/harness.js';

/** A word no demo record contains (letters only), so a search or a scan for it finds only what a test wrote. */
function aMarker(prefix: string): string {
  return `${prefix}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'q')}`;
}

/**
 * Papers as records of the meeting cycle: numbered per committee and year, presented, with a
 * status and file versions (a superseded file stays readable), and notes on their pages —
 * private ones reaching no one but their author on any channel.
 */
describe('papers: numbers, status, versions and notes', () => {
  const suite = demoSuite(['chair', 'secretariat', 'member', 'observer'], { oneAtATime: true, timeoutMs: 90_000 });

  const upload = async (token: string, path: string, fields: Record<string, string>, content: Buffer, fileName: string) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/octet-stream' }), fileName);
    const response = await fetch(`${suite.app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return {
      status: response.status,
      body: (await response.json()) as DocumentRecord & { code: string; message: string; issues?: Array<{ field: string; code: string }> },
    };
  };
  const uploadPaper = (token: string, fields: Record<string, string>, content = aPdf(), fileName = 'kertas.pdf') =>
    upload(token, `/api/committees/${suite.committeeId}/documents`, fields, content, fileName);
  const download = async (token: string, path: string) => {
    const response = await fetch(`${suite.app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const anItem = async (classification: 'OPEN' | 'CONFIDENTIAL' = 'OPEN', startsAt = '2034-02-10T09:30:00+08:00') => {
    const meeting: Meeting = await aMeeting(
      suite.app,
      suite.chair,
      { id: suite.committeeId },
      { startsAt, classification, status: 'scheduled' },
    );
    const item = await suite.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, suite.chair.token, {
      title: 'Kertas untuk pertimbangan',
    });
    expect(item.status).toBe(201);
    return { meeting, item: item.body };
  };
  const subscribed = async (token: string): Promise<LiveClient> => {
    const client = await suite.app.connect(token);
    expect((await client.subscribe(suite.committeeId)).ok).toBe(true);
    return client;
  };

  it('should number papers per committee and year, take a presenter and a status, and let the secretariat edit them', async () => {
    const { item } = await anItem();
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Kuala_Lumpur', year: 'numeric' }).format(new Date()));
    const first = await uploadPaper(suite.secretariat.token, { parentId: item.id, title: 'Dasar magnet', presenter: 'MIDA' });
    const second = await uploadPaper(suite.secretariat.token, {
      parentId: item.id,
      title: 'Program sumber',
      presenterId: suite.member.user.id,
      status: 'for_circulation',
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const numberOf = (paper: DocumentRecord) => Number(/^Kertas Bil\. (\d+)\/(\d{4})$/.exec(paper.number ?? '')?.[1]);
    expect(first.body.number).toMatch(new RegExp(`^Kertas Bil\\. \\d+/${year}$`));
    expect(numberOf(second.body)).toBe(numberOf(first.body) + 1);
    expect(first.body).toMatchObject({ title: 'Dasar magnet', presenter: 'MIDA', presenterId: null, status: 'draft', fileVersion: 1 });
    expect(second.body).toMatchObject({ presenter: suite.member.user.name, presenterId: suite.member.user.id, status: 'for_circulation' });

    // A number given at upload is kept; the secretariat edits number, status and presenter.
    const given = await uploadPaper(suite.chair.token, { parentId: item.id, number: 'Kertas Bil. 90/2030' });
    expect(given.body.number).toBe('Kertas Bil. 90/2030');
    const edited = await suite.app.request<DocumentRecord>('PATCH', `/api/documents/${first.body.id}`, suite.secretariat.token, {
      version: 1,
      number: 'Kertas Bil. 4/2026',
      status: 'tabled',
      presenter: 'JMG',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ number: 'Kertas Bil. 4/2026', status: 'tabled', presenter: 'JMG', presenterId: null, version: 2 });
    const refused = await suite.app.request<{ issues: Array<{ field: string }> }>(
      'PATCH',
      `/api/documents/${first.body.id}`,
      suite.secretariat.token,
      { version: 2, status: 'lost' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]?.field).toBe('status');
    const stranger = await suite.app.request<{ issues: Array<{ field: string }> }>(
      'PATCH',
      `/api/documents/${first.body.id}`,
      suite.secretariat.token,
      { version: 2, presenterId: crypto.randomUUID() },
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body.issues[0]?.field).toBe('presenterId');
    expect(
      (await suite.app.request('PATCH', `/api/documents/${first.body.id}`, suite.member.token, { version: 2, status: 'withdrawn' })).status,
    ).toBe(403);
  });

  it('should refuse a file of the wrong type naming the file as the person gave it', async () => {
    const { item } = await anItem();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(256)]);
    const refused = await uploadPaper(suite.chair.token, { parentId: item.id }, exe, 'Kertas Bil 4 (akhir).pdf');
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('unsupported_media_type');
    expect(refused.body.issues?.[0]).toMatchObject({ field: 'file' });
    expect(refused.body.message).toMatch(/^file: "Kertas Bil 4 \(akhir\)\.pdf" is not an accepted type/);
  });

  it('should supersede a file with a new version and keep the old one readable by its number', async () => {
    const { item } = await anItem();
    const original = aPdf('versi satu');
    const created = await uploadPaper(suite.secretariat.token, { parentId: item.id, title: 'Kertas berversi' }, original, 'v1.pdf');
    expect(created.status).toBe(201);
    const id = created.body.id;
    const path = `/api/documents/${id}/versions`;
    const revised = Buffer.from('Versi kedua kertas: pindaan perenggan 3\n');
    const second = await upload(suite.secretariat.token, path, { version: '1' }, revised, 'v2.txt');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      id,
      version: 2,
      fileVersion: 2,
      fileName: 'v2.txt',
      mediaType: 'text/plain',
      size: revised.length,
    });
    expect(second.body.number).toBe(created.body.number);

    const versions = await suite.app.request<DocumentFileVersion[]>('GET', path, suite.member.token);
    expect(versions.status).toBe(200);
    expect(versions.body.map((v) => [v.fileVersion, v.fileName, v.current])).toEqual([
      [2, 'v2.txt', true],
      [1, 'v1.pdf', false],
    ]);
    // The current content is the new file; the old stays readable by its version number.
    expect((await download(suite.member.token, `/api/documents/${id}/content`)).bytes.equals(revised)).toBe(true);
    const old = await download(suite.member.token, `/api/documents/${id}/versions/1/content`);
    expect(old.status).toBe(200);
    expect(old.bytes.equals(original)).toBe(true);
    expect((await download(suite.member.token, `/api/documents/${id}/versions/2/content`)).bytes.equals(revised)).toBe(true);
    expect((await download(suite.member.token, `/api/documents/${id}/versions/3/content`)).status).toBe(404);
    expect((await download(suite.member.token, `/api/documents/${id}/versions/x/content`)).status).toBe(400);

    // Stale, wrong role, wrong type: refused, nothing changes.
    expect((await upload(suite.secretariat.token, path, { version: '1' }, revised, 'v3.txt')).status).toBe(409);
    expect((await upload(suite.member.token, path, { version: '2' }, revised, 'v3.txt')).status).toBe(403);
    const wrong = await upload(suite.chair.token, path, { version: '2' }, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), 'v3.pdf');
    expect(wrong.status).toBe(415);
    expect(wrong.body.message).toContain('"v3.pdf"');
    expect((await suite.app.request<DocumentFileVersion[]>('GET', path, suite.chair.token)).body).toHaveLength(2);

    // Raised above the observer: no version, no old file.
    const raised = await suite.app.request('PATCH', `/api/documents/${id}`, suite.chair.token, { version: 2, classification: 'SECRET' });
    expect(raised.status).toBe(200);
    expect((await suite.app.request('GET', path, suite.member.token)).status).toBe(404);
    expect((await download(suite.member.token, `/api/documents/${id}/versions/1/content`)).status).toBe(404);
    expect((await download(suite.chair.token, `/api/documents/${id}/versions/1/content`)).status).toBe(200);
  });

  it("should keep a private note from everyone but its author on every channel, and share the secretariat's notes", async () => {
    const { item } = await anItem('OPEN', '2034-03-10T09:30:00+08:00');
    const paper = await uploadPaper(suite.secretariat.token, { parentId: item.id, title: 'Kertas bernota', classification: 'OPEN' });
    expect(paper.status).toBe(201);
    const documentId = paper.body.id;
    const { latestSeq } = (
      await suite.app.request<{ latestSeq: number }>(
        'GET',
        `/api/committees/${suite.committeeId}/events?after=0&limit=1`,
        suite.chair.token,
      )
    ).body;
    const sockets = {
      chair: await subscribed(suite.chair.token),
      secretariat: await subscribed(suite.secretariat.token),
      observer: await subscribed(suite.observer.token),
      member: await subscribed(suite.member.token),
    };
    const ownPushes: unknown[] = [];
    sockets.member.socket.on('annotation', (annotation: unknown) => ownPushes.push(annotation));
    const othersPushes: unknown[] = [];
    for (const other of [sockets.chair, sockets.secretariat, sockets.observer]) {
      other.socket.on('annotation', (annotation: unknown) => othersPushes.push(annotation));
    }

    const marker = aMarker('peribadi');
    const note = await suite.app.request<Annotation>('POST', `/api/documents/${documentId}/annotations`, suite.member.token, {
      page: 1,
      text: `Semak angka ${marker} sebelum mesyuarat`,
      visibility: 'private',
      highlight: { x: 0.1, y: 0.2, w: 0.5, h: 0.05 },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ documentId, authorId: suite.member.user.id, visibility: 'private', page: 1, version: 1 });
    const edited = await suite.app.request<Annotation>('PATCH', `/api/annotations/${note.body.id}`, suite.member.token, {
      version: 1,
      text: `Semak angka ${marker} dan jadual 2`,
    });
    expect(edited.status).toBe(200);

    // Shared notes: written by the secretariat, seen by everyone who may see the paper.
    const sharedText = aMarker('kongsi');
    const shared = await suite.app.request<Annotation>('POST', `/api/documents/${documentId}/annotations`, suite.secretariat.token, {
      page: 2,
      text: `Nota urus setia ${sharedText}`,
      visibility: 'shared',
    });
    expect(shared.status).toBe(201);
    expect(
      (
        await suite.app.request('POST', `/api/documents/${documentId}/annotations`, suite.member.token, {
          page: 1,
          text: 'x',
          visibility: 'shared',
        })
      ).status,
    ).toBe(403);
    // The shared note reaches every socket: the relay has passed the private note's moment.
    for (const socket of Object.values(sockets)) await socket.waitForEntity(shared.body.id, 'annotation.created');
    await delivered(sockets.chair, sockets.secretariat, sockets.observer, sockets.member);

    // Positive controls: the author sees their note on REST and got it on their own socket.
    const mine = await suite.app.request<Annotation[]>('GET', `/api/documents/${documentId}/annotations`, suite.member.token);
    expect(mine.body.map((a) => a.id)).toEqual([note.body.id, shared.body.id]);
    expect(JSON.stringify(mine.body)).toContain(marker);
    expect(JSON.stringify(ownPushes)).toContain(marker);
    // The author's private note never entered the committee's log.
    const [{ count }] = await sql(suite.app).dataSource.query('SELECT count(*)::int AS count FROM change_events WHERE entity_id = $1', [
      note.body.id,
    ]);
    expect(count).toBe(0);

    for (const [name, reader, socket] of [
      ['chair', suite.chair, sockets.chair],
      ['secretariat', suite.secretariat, sockets.secretariat],
      ['observer', suite.observer, sockets.observer],
    ] as const) {
      const list = await suite.app.request<Annotation[]>('GET', `/api/documents/${documentId}/annotations`, reader.token);
      expect({ name, ids: list.body.map((a) => a.id) }).toEqual({ name, ids: [shared.body.id] });
      const seen = {
        list: list.body,
        socket: socket.events,
        catchUp: await suite.app.catchUp(reader.token, suite.committeeId, latestSeq),
        activity: (await suite.app.request('GET', `/api/committees/${suite.committeeId}/activity`, reader.token)).body,
        recordActivity: (
          await suite.app.request('GET', `/api/committees/${suite.committeeId}/activity?entityId=${documentId}`, reader.token)
        ).body,
        search: (await suite.app.request<SearchResponse>('GET', `/api/search?${new URLSearchParams({ q: marker })}`, reader.token)).body,
        notifications: (await suite.app.request('GET', '/api/notifications', reader.token)).body,
        patch: await suite.app.request('PATCH', `/api/annotations/${note.body.id}`, reader.token, { version: 2, text: 'y' }),
        remove: await suite.app.request('DELETE', `/api/annotations/${note.body.id}?version=2`, reader.token),
      };
      expect({ name, patch: seen.patch.status, remove: seen.remove.status }).toEqual({ name, patch: 404, remove: 404 });
      const text = JSON.stringify(seen);
      expect({ name, leaks: text.includes(marker) || text.includes(note.body.id) }).toEqual({ name, leaks: false });
      // The shared note is in what they may see (positive control of the same channels).
      expect({ name, shared: JSON.stringify(seen.socket).includes(sharedText) }).toEqual({ name, shared: true });
    }
    expect(othersPushes).toEqual([]);
    // Someone else's shared note may be read, not changed.
    expect(
      (await suite.app.request('PATCH', `/api/annotations/${shared.body.id}`, suite.chair.token, { version: 1, text: 'z' })).status,
    ).toBe(403);

    // The author removes it: gone for them too.
    expect((await suite.app.request('DELETE', `/api/annotations/${note.body.id}?version=2`, suite.member.token)).status).toBe(204);
    const after = await suite.app.request<Annotation[]>('GET', `/api/documents/${documentId}/annotations`, suite.member.token);
    expect(after.body.map((a) => a.id)).toEqual([shared.body.id]);
    for (const socket of Object.values(sockets)) socket.disconnect();
  });

  it('should keep the notes of a paper from a reader who may not see the paper', async () => {
    const { item } = await anItem('CONFIDENTIAL', '2034-04-10T09:30:00+08:00');
    const paper = await uploadPaper(suite.chair.token, { parentId: item.id, title: 'Kertas sulit' });
    const text = aMarker('sulit');
    const shared = await suite.app.request<Annotation>('POST', `/api/documents/${paper.body.id}/annotations`, suite.chair.token, {
      page: 1,
      text,
      visibility: 'shared',
    });
    expect(shared.status).toBe(201);
    expect(shared.body.classification).toBe('CONFIDENTIAL');
    expect((await suite.app.request('GET', `/api/documents/${paper.body.id}/annotations`, suite.observer.token)).status).toBe(404);
    expect(
      (await suite.app.request('POST', `/api/documents/${paper.body.id}/annotations`, suite.observer.token, { page: 1, text: 'x' })).status,
    ).toBe(404);
    const activity = await suite.app.request('GET', `/api/committees/${suite.committeeId}/activity`, suite.observer.token);
    expect(JSON.stringify(activity.body)).not.toContain(text);
    const members = await suite.app.request<Annotation[]>('GET', `/api/documents/${paper.body.id}/annotations`, suite.member.token);
    expect(members.body.map((a) => a.text)).toEqual([text]);
    const bad = await suite.app.request<{ issues: Array<{ field: string }> }>(
      'POST',
      `/api/documents/${paper.body.id}/annotations`,
      suite.member.token,
      { page: 0, text: 'x', highlight: { x: 2, y: 0, w: 0, h: 0 } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.field).sort()).toEqual(['highlight.x', 'page']);
  });
});
