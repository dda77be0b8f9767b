import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgendaItem, Classification, DocumentPage, DocumentRecord, Meeting, SearchResponse } from '@sidang/shared';
import { SearchService } from '../../server/src/search/search.service.js';
import { aDocx } from '../support/office-files.js';
import { sql } from './support/db.js';
import { aMembership, aPdf, aUser, aMeeting as createMeeting, type TestUser } from './support/factories.js';
import { type LiveClient, type Session, TestApp } from './support/harness.js';

const LIMIT = 64 * 1024;

/** A real one-page PDF (Helvetica, WinAnsi) whose page shows `lines`: its text can be extracted. */
function aTextPdf(lines: string[]): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td ${lines.map((line, index) => `${index ? '0 -16 Td ' : ''}(${line}) Tj`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A word no demo record contains (letters only). */
function aWord(prefix: string): string {
  return `${prefix}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'q')}`;
}

/** The local headers of a ZIP archive naming `names`: enough for the type check of an Office file. */
function aZip(names: string[]): Buffer {
  const parts = names.map((name) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    return Buffer.concat([header, Buffer.from(name), Buffer.from('<xml/>')]);
  });
  return Buffer.concat([...parts, Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
}

/**
 * Papers: documents uploaded to agenda items, checked by content, stored behind the storage
 * interface, and never reaching a reader who may not see them, their item or their meeting.
 */
describe('papers (documents of agenda items)', () => {
  let app: TestApp;
  let dataDir: string;
  let chair: Session;
  let secretariat: Session;
  let member: Session;
  let observer: Session;
  let restricted: TestUser;
  let outsider: TestUser;
  let committeeId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sidang-papers-'));
    app = await TestApp.start({ DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(LIMIT) });
    // One at a time: password checks queue (LOGIN_HASH_CONCURRENCY), and a loaded machine is slow.
    chair = await app.login('chair');
    secretariat = await app.login('secretariat');
    member = await app.login('member');
    observer = await app.login('observer');
    committeeId = (await app.committees(chair.token)).main.id;
    restricted = await aUser(app, { clearance: 'RESTRICTED' });
    outsider = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, { id: committeeId }, restricted, 'member');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = async (
    token: string,
    fields: Record<string, string>,
    content: Buffer,
    fileName: string,
    type = 'application/octet-stream',
    committee = committeeId,
  ) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(content)], { type }), fileName);
    const response = await fetch(`${app.url}/api/committees/${committee}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await response.json()) as DocumentRecord & { message: string; issues?: Array<{ field: string; code: string }> };
    return { status: response.status, body };
  };
  const download = async (token: string, id: string) => {
    const response = await fetch(`${app.url}/api/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const aMeeting = async (classification: string, startsAt: string): Promise<{ meeting: Meeting; items: AgendaItem[] }> => {
    // With the standard opening items: the papers go under the fourth.
    const meeting = await createMeeting(
      app,
      chair,
      { id: committeeId },
      {
        title: 'Mesyuarat Jawatankuasa Teknikal',
        startsAt,
        classification: classification as Classification,
        standardAgenda: true,
      },
    );
    const items = await app.request<AgendaItem[]>('GET', `/api/meetings/${meeting.id}/agenda-items`, chair.token);
    return { meeting, items: items.body };
  };
  const subscribed = async (token: string): Promise<LiveClient> => {
    const client = await app.connect(token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    return client;
  };
  const storedPath = (id: string) => join(dataDir, 'documents', id.slice(0, 2), id);

  it('should store an upload and give back the same bytes, with its type, name and nosniff', async () => {
    const { items } = await aMeeting('OPEN', '2033-01-10T09:30:00+08:00');
    const papers = items[3] as AgendaItem;
    const content = aPdf();
    const created = await upload(
      secretariat.token,
      { parentId: papers.id, classification: 'OPEN' },
      content,
      'Kertas Kerja 1 - Eksport REE.pdf',
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      committeeId,
      parentId: papers.id,
      title: 'Kertas Kerja 1 - Eksport REE',
      fileName: 'Kertas Kerja 1 - Eksport REE.pdf',
      mediaType: 'application/pdf',
      size: content.length,
      classification: 'OPEN',
      version: 1,
      uploadedBy: secretariat.user.id,
    });
    expect(created.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(storedPath(created.body.id))).toBe(true);

    for (const reader of [observer, member, chair]) {
      const got = await download(reader.token, created.body.id);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(content)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-disposition')).toContain('attachment');
      expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''Kertas%20Kerja%201%20-%20Eksport%20REE.pdf");
    }
    const ofItem = await app.request<DocumentRecord[]>('GET', `/api/documents?parentId=${papers.id}`, observer.token);
    expect(ofItem.body.map((d) => d.id)).toEqual([created.body.id]);
    const one = await app.request<DocumentRecord>('GET', `/api/documents/${created.body.id}`, observer.token);
    expect(one.body).toEqual(created.body);

    // Text is extracted for search, and never sent.
    const csv = await upload(
      chair.token,
      { parentId: papers.id, title: 'Sumber REE mengikut negeri' },
      Buffer.from('negeri,tan\nTerengganu,7190000\n'),
      'sumber.csv',
    );
    expect(csv.status).toBe(201);
    expect(csv.body.mediaType).toBe('text/csv');
    const [row] = await sql(app).dataSource.query('SELECT text FROM documents WHERE id = $1', [csv.body.id]);
    expect(row.text).toContain('Terengganu,7190000');
    const page = await app.request<DocumentPage>('GET', `/api/committees/${committeeId}/documents?parentId=${papers.id}`, member.token);
    expect(page.body.items.map((d) => d.id)).toEqual([created.body.id, csv.body.id]);
    expect(JSON.stringify(page.body)).not.toContain('Terengganu');
    expect((await download(member.token, csv.body.id)).headers.get('content-type')).toBe('text/csv; charset=utf-8');

    // Pages: one at a time, each cursor leading to the next.
    const first = await app.request<DocumentPage>(
      'GET',
      `/api/committees/${committeeId}/documents?parentId=${papers.id}&limit=1`,
      member.token,
    );
    expect(first.body.items.map((d) => d.id)).toEqual([created.body.id]);
    const second = await app.request<DocumentPage>(
      'GET',
      `/api/committees/${committeeId}/documents?parentId=${papers.id}&limit=1&cursor=${first.body.nextCursor}`,
      member.token,
    );
    expect(second.body.items.map((d) => d.id)).toEqual([csv.body.id]);

    // Only the chair and the secretariat upload.
    expect((await upload(member.token, { parentId: papers.id }, aPdf(), 'x.pdf')).status).toBe(403);
    expect((await upload(observer.token, { parentId: papers.id }, aPdf(), 'x.pdf')).status).toBe(403);
  });

  it('should refuse a file over the limit with 413 naming file, and a wrong type by its content whatever its name', async () => {
    const { items } = await aMeeting('OPEN', '2033-02-10T09:30:00+08:00');
    const parentId = (items[3] as AgendaItem).id;
    const tooBig = await upload(chair.token, { parentId }, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(LIMIT)]), 'big.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toMatch(/^file:/);
    expect(tooBig.body.issues?.[0]).toMatchObject({ field: 'file', code: 'too_big' });

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(2048)]);
    const renamed = await upload(chair.token, { parentId }, exe, 'minit.pdf', 'application/pdf');
    expect(renamed.status).toBe(415);
    expect(renamed.body.issues?.[0]).toMatchObject({ field: 'file' });
    expect(renamed.body.message).toMatch(/^file:/);
    const elf = await upload(
      chair.token,
      { parentId },
      Buffer.concat([Buffer.from('\x7fELF'), randomBytes(512)]),
      'notes.txt',
      'text/plain',
    );
    expect(elf.status).toBe(415);
    const plainZip = await upload(chair.token, { parentId }, aZip(['payload.js']), 'report.docx');
    expect(plainZip.status).toBe(415);

    const docx = await upload(chair.token, { parentId }, aDocx(['Kertas dasar rantaian nilai', 'Tindakan: JMG, NRES']), 'Laporan.docx');
    expect(docx.status).toBe(201);
    expect(docx.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Word text is kept for search; one that claims to unpack to 300 MB is stored but not read.
    const bomb = await upload(chair.token, { parentId }, aDocx(['x'], { claimedSize: 300 * 1024 * 1024 }), 'Besar.docx');
    expect(bomb.status).toBe(201);
    const texts = await sql(app).dataSource.query('SELECT id, text FROM documents WHERE id IN ($1, $2)', [docx.body.id, bomb.body.id]);
    expect(Object.fromEntries(texts.map((row: { id: string; text: string | null }) => [row.id, row.text]))).toEqual({
      [docx.body.id]: 'Kertas dasar rantaian nilai\n\nTindakan: JMG, NRES',
      [bomb.body.id]: null,
    });
    const png = await upload(
      chair.token,
      { parentId },
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
      'peta',
    );
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ mediaType: 'image/png', fileName: 'peta.png' });

    // Names lose folders and characters that disguise them.
    const odd = await upload(chair.token, { parentId }, Buffer.from('nota'), '../../etc/no\u202Etxt.exe<1>.txt');
    expect(odd.status).toBe(201);
    expect(odd.body.fileName).toBe('notxt.exe_1_.txt');

    expect((await upload(chair.token, { parentId }, Buffer.alloc(0), 'kosong.txt')).status).toBe(400);
    const noParent = await upload(chair.token, { parentId: crypto.randomUUID() }, aPdf(), 'a.pdf');
    expect(noParent.status).toBe(400);
    expect(noParent.body.message).toMatch(/^parentId:/);
    const unknown = await upload(chair.token, { parentId, colour: 'red' }, aPdf(), 'a.pdf');
    expect(unknown.status).toBe(400);
    const missingFile = await app.request<{ message: string }>('POST', `/api/committees/${committeeId}/documents`, chair.token, {
      parentId,
    });
    expect(missingFile.status).toBe(400);
    expect(missingFile.body.message).toMatch(/^file:/);
  });

  it('should keep a SECRET paper, and a paper of a SECRET item or meeting, from everyone below on every channel', async () => {
    const sockets = {
      chair: await subscribed(chair.token),
      member: await subscribed(member.token),
      restricted: await subscribed(restricted.token),
      observer: await subscribed(observer.token),
    };
    const { latestSeq } = (
      await app.request<{ latestSeq: number }>('GET', `/api/committees/${committeeId}/events?after=0&limit=1`, member.token)
    ).body;
    const { meeting: confidential, items } = await aMeeting('CONFIDENTIAL', '2033-03-10T09:30:00+08:00');
    const secretItem = await app.request<AgendaItem>('POST', `/api/meetings/${confidential.id}/agenda-items`, chair.token, {
      title: 'Negotiating mandate',
      classification: 'SECRET',
    });
    const { items: secretMeetingItems } = await aMeeting('SECRET', '2033-03-11T09:30:00+08:00');

    const marker = `MANDAT-${randomBytes(4).toString('hex')}`;
    const placed = [
      // A SECRET paper under an open item of a CONFIDENTIAL meeting.
      await upload(
        chair.token,
        { parentId: (items[3] as AgendaItem).id, classification: 'SECRET', title: `${marker} a` },
        aPdf(marker),
        `${marker}-a.pdf`,
      ),
      // An OPEN paper under a SECRET item.
      await upload(chair.token, { parentId: secretItem.body.id, title: `${marker} b` }, aPdf(marker), `${marker}-b.pdf`),
      // An OPEN paper under an open item of a SECRET meeting.
      await upload(
        secretariat.token,
        { parentId: (secretMeetingItems[3] as AgendaItem).id, title: `${marker} c` },
        aPdf(marker),
        `${marker}-c.pdf`,
      ),
    ];
    for (const result of placed) expect(result.status).toBe(201);
    const ids = placed.map((result) => result.body.id);
    // Positive controls: the SECRET reader gets each on the socket, in the list, and the bytes.
    await sockets.chair.waitFor((events) => ids.every((id) => events.some((e) => e.entityId === id && e.type === 'document.created')));
    const chairList = await app.request<DocumentPage>('GET', `/api/committees/${committeeId}/documents?limit=500`, chair.token);
    expect(chairList.body.items.map((d) => d.id)).toEqual(expect.arrayContaining(ids));
    for (const id of ids) expect((await download(chair.token, id)).status).toBe(200);
    // A later open change, seen by all, so "nothing arrived" is not "not yet".
    const { meeting: control } = await aMeeting('OPEN', '2033-03-12T09:30:00+08:00');
    for (const socket of [sockets.member, sockets.restricted, sockets.observer]) {
      await socket.waitFor((events) => events.some((e) => e.entityId === control.id));
    }

    for (const [name, reader, socket] of [
      ['member', member, sockets.member],
      ['restricted', restricted, sockets.restricted],
      ['observer', observer, sockets.observer],
    ] as const) {
      const seen = {
        list: (await app.request('GET', `/api/committees/${committeeId}/documents?limit=500`, reader.token)).body,
        gets: await Promise.all(ids.map(async (id) => app.request('GET', `/api/documents/${id}`, reader.token))),
        ofParent: await Promise.all(
          [(items[3] as AgendaItem).id, secretItem.body.id].map((parentId) =>
            app.request('GET', `/api/documents?parentId=${parentId}`, reader.token),
          ),
        ),
        downloads: await Promise.all(ids.map(async (id) => download(reader.token, id))),
        socket: socket.events,
        catchUp: await app.catchUp(reader.token, committeeId, latestSeq),
        activity: (await app.request('GET', `/api/committees/${committeeId}/activity`, reader.token)).body,
      };
      expect({ name, statuses: seen.gets.map((r) => r.status) }).toEqual({ name, statuses: [404, 404, 404] });
      expect({ name, statuses: seen.downloads.map((r) => r.status) }).toEqual({ name, statuses: [404, 404, 404] });
      const text = JSON.stringify({ ...seen, downloads: seen.downloads.map((r) => r.bytes.toString('latin1')) });
      expect({ name, leaks: text.includes(marker) || ids.some((id) => text.includes(id)) }).toEqual({ name, leaks: false });
    }
    // The member may see the CONFIDENTIAL meeting's open item, just not the SECRET paper in it.
    expect((await app.request('GET', `/api/documents?parentId=${(items[3] as AgendaItem).id}`, member.token)).status).toBe(200);
  });

  it('should find a paper by the words of its PDF or text file only for readers cleared for it and its parents, and keep the text out of every answer', async () => {
    const { meeting, items } = await aMeeting('OPEN', '2033-04-07T09:30:00+08:00');
    const parentId = (items[3] as AgendaItem).id;
    const inPdf = aWord('bijih');
    const inText = aWord('lombong');
    const pdf = await upload(
      chair.token,
      { parentId, classification: 'CONFIDENTIAL', title: 'Kertas rantaian nilai' },
      aTextPdf(['Kertas kerja pemprosesan', `Penanda ${inPdf} untuk carian`]),
      'kertas-a.pdf',
    );
    const text = await upload(
      chair.token,
      { parentId, classification: 'CONFIDENTIAL', title: 'Nota taklimat' },
      Buffer.from(`Nota ringkas\nPenanda ${inText} dalam fail teks\n`),
      'nota.txt',
    );
    // A PDF that cannot be read is kept, only without text.
    const broken = await upload(
      chair.token,
      { parentId, title: 'Rosak' },
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Pages /Kids [9 0 R'),
      'rosak.pdf',
    );
    for (const result of [pdf, text, broken]) expect(result.status).toBe(201);
    expect(JSON.stringify([pdf.body, text.body])).not.toContain(inPdf);

    const found = async (token: string, word: string) => {
      const result = await app.request<SearchResponse>('GET', `/api/search?${new URLSearchParams({ q: word, types: 'document' })}`, token);
      expect(result.status).toBe(200);
      return result.body.items;
    };
    for (const reader of [chair, member]) {
      const [pdfHit] = await found(reader.token, inPdf);
      expect(pdfHit).toMatchObject({ type: 'document', id: pdf.body.id, title: 'Kertas rantaian nilai' });
      expect(pdfHit?.snippet).toContain(inPdf);
      const [textHit] = await found(reader.token, inText);
      expect(textHit).toMatchObject({ id: text.body.id });
      expect(textHit?.snippet).toContain(inText);
    }
    for (const reader of [restricted, observer, outsider]) {
      expect(await found(reader.token, inPdf)).toEqual([]);
      expect(await found(reader.token, inText)).toEqual([]);
    }
    // The text never reaches a client: not in lists, gets or events.
    const list = await app.request('GET', `/api/committees/${committeeId}/documents?limit=500`, chair.token);
    const get = await app.request('GET', `/api/documents/${pdf.body.id}`, chair.token);
    const events = await app.request('GET', `/api/committees/${committeeId}/events?after=0&limit=1000`, chair.token);
    expect(JSON.stringify([list.body, get.body, events.body])).not.toMatch(new RegExp(`${inPdf}|${inText}`));

    // Raised above the member: the text goes with the record's level; the chair still finds it.
    const raised = await app.request('PATCH', `/api/documents/${pdf.body.id}`, chair.token, {
      version: pdf.body.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    expect(await found(member.token, inPdf)).toEqual([]);
    expect((await found(chair.token, inPdf)).map((hit) => hit.id)).toEqual([pdf.body.id]);
    // A meeting raised above the member takes its papers' text with it.
    const meetingNow = await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, chair.token);
    const secretMeeting = await app.request('PATCH', `/api/meetings/${meeting.id}`, chair.token, {
      version: meetingNow.body.version,
      classification: 'SECRET',
    });
    expect(secretMeeting.status).toBe(200);
    expect(await found(member.token, inText)).toEqual([]);
    expect((await found(chair.token, inText)).map((hit) => hit.id)).toEqual([text.body.id]);

    // Indexed again at start from the documents table (their text is not in the change events).
    const { dataSource } = sql(app);
    await dataSource.query('DELETE FROM search_entries');
    await dataSource.query(`DELETE FROM app_settings WHERE key = 'search.registry'`);
    expect(await found(chair.token, inText)).toEqual([]);
    await app.app.get(SearchService).onApplicationBootstrap();
    expect((await found(chair.token, inText)).map((hit) => hit.id)).toEqual([text.body.id]);
    expect((await found(chair.token, inPdf)).map((hit) => hit.id)).toEqual([pdf.body.id]);
    expect(await found(member.token, inPdf)).toEqual([]);
  });

  it('should answer 404 to someone outside the committee, whatever their clearance', async () => {
    const { items } = await aMeeting('OPEN', '2033-04-10T09:30:00+08:00');
    const parentId = (items[3] as AgendaItem).id;
    const created = await upload(chair.token, { parentId }, aPdf(), 'terbuka.pdf');
    expect(created.status).toBe(201);
    expect((await app.request('GET', `/api/committees/${committeeId}/documents`, outsider.token)).status).toBe(404);
    expect((await app.request('GET', `/api/documents/${created.body.id}`, outsider.token)).status).toBe(404);
    expect((await app.request('GET', `/api/documents?parentId=${parentId}`, outsider.token)).status).toBe(404);
    expect((await download(outsider.token, created.body.id)).status).toBe(404);
    expect((await upload(outsider.token, { parentId }, aPdf(), 'x.pdf')).status).toBe(404);
    expect((await app.request('DELETE', `/api/documents/${created.body.id}?version=1`, outsider.token)).status).toBe(404);
  });

  it('should rename and reclassify through the pipeline, and remove the stored file on delete', async () => {
    const { items } = await aMeeting('OPEN', '2033-05-10T09:30:00+08:00');
    const parentId = (items[3] as AgendaItem).id;
    const watcher = await subscribed(member.token);
    const created = await upload(chair.token, { parentId }, aPdf(), 'draf.pdf');
    const renamed = await app.request<DocumentRecord>('PATCH', `/api/documents/${created.body.id}`, secretariat.token, {
      version: 1,
      title: 'Draf kertas dasar',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ version: 2, title: 'Draf kertas dasar' });
    const stale = await app.request<{ current: DocumentRecord }>('PATCH', `/api/documents/${created.body.id}`, chair.token, {
      version: 1,
      title: 'x',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(2);
    expect((await app.request('PATCH', `/api/documents/${created.body.id}`, member.token, { version: 2, title: 'y' })).status).toBe(403);

    expect(existsSync(storedPath(created.body.id))).toBe(true);
    expect((await app.request('DELETE', `/api/documents/${created.body.id}?version=1`, chair.token)).status).toBe(409);
    expect((await app.request('DELETE', `/api/documents/${created.body.id}?version=2`, chair.token)).status).toBe(204);
    expect(existsSync(storedPath(created.body.id))).toBe(false);
    expect((await app.request('GET', `/api/documents/${created.body.id}`, chair.token)).status).toBe(404);
    expect((await download(chair.token, created.body.id)).status).toBe(404);
    const events = await watcher.waitFor((received) =>
      received.some((e) => e.type === 'document.deleted' && e.entityId === created.body.id),
    );
    expect(events.filter((e) => e.entityId === created.body.id).map((e) => e.type)).toEqual([
      'document.created',
      'document.updated',
      'document.deleted',
    ]);

    // Raised above the member: their screen is told to drop it.
    const kept = await upload(chair.token, { parentId }, aPdf(), 'kekal.pdf');
    const raised = await app.request('PATCH', `/api/documents/${kept.body.id}`, chair.token, { version: 1, classification: 'SECRET' });
    expect(raised.status).toBe(200);
    await watcher.waitFor((received) => received.some((e) => e.type === 'document.hidden' && e.entityId === kept.body.id));
  });

  it('should seed the next demo meeting with papers that only cleared readers see', async () => {
    const chairs = await app.request<DocumentPage>('GET', `/api/committees/${committeeId}/documents?limit=500`, chair.token);
    const demo = chairs.body.items.filter((d) => d.uploadedBy === secretariat.user.id && /^Kertas Kerja \d:/.test(d.title));
    expect(demo.map((d) => [d.mediaType, d.classification])).toEqual([
      ['application/pdf', 'CONFIDENTIAL'],
      ['application/pdf', 'RESTRICTED'],
    ]);
    const pdf = await download(member.token, (demo[0] as DocumentRecord).id);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toMatch(/%%EOF\n$/);
    // The meeting is RESTRICTED: the OPEN observer sees none of its papers.
    const observers = await app.request<DocumentPage>('GET', `/api/committees/${committeeId}/documents?limit=500`, observer.token);
    expect(observers.body.items.filter((d) => demo.some((paper) => paper.id === d.id))).toEqual([]);
  });

  it('should document the endpoints in the OpenAPI document', async () => {
    const { body } = await app.request<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(Object.keys(body.paths['/api/committees/{committeeId}/documents'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/committees/{committeeId}/documents']?.post?.requestBody?.content ?? {})).toEqual([
      'multipart/form-data',
    ]);
    expect(Object.keys(body.paths['/api/documents/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(body.paths['/api/documents/{id}/content']?.get).toBeDefined();
    expect(body.paths['/api/documents']?.get).toBeDefined();
  });
});
