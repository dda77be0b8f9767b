import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommitteeHome, DocumentRecord, Meeting, MyHome } from '@sidang/shared';
import { sql } from './support/db.js';
import { aCommittee, aDocument, aMeeting, aMembership, anAgendaItem, aPdf, aUser, type TestUser, unique } from './support/factories.js';
import { TestApp } from './support/harness.js';

describe("home: the next meeting's papers I have not opened", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  const home = async (user: { token: string }, committee: { id: string }): Promise<CommitteeHome> => {
    const result = await app.request<CommitteeHome>('GET', `/api/committees/${committee.id}/home`, user.token);
    expect(result.status).toBe(200);
    return result.body;
  };

  const unread = async (user: { token: string }, committee: { id: string }) =>
    (await home(user, committee)).nextMeeting?.unreadPapers.map((paper) => paper.id);

  /** Fetches a file as the reader does (the download and the in-app reader use the same route). */
  const open = async (user: { token: string }, path: string): Promise<number> => {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${user.token}` } });
    await response.arrayBuffer();
    return response.status;
  };

  async function newVersion(user: { token: string }, paper: DocumentRecord): Promise<DocumentRecord> {
    const form = new FormData();
    form.append('version', String(paper.version));
    form.append('file', new Blob([new Uint8Array(aPdf('Pindaan kedua'))], { type: 'application/pdf' }), 'kertas-v2.pdf');
    const response = await fetch(`${app.url}/api/documents/${paper.id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as DocumentRecord;
  }

  async function schedule(chair: { token: string }, meeting: Meeting): Promise<void> {
    const moved = await app.request('PATCH', `/api/meetings/${meeting.id}`, chair.token, { version: meeting.version, status: 'scheduled' });
    expect(moved.status).toBe(200);
  }

  let committee: { id: string };
  let chair: TestUser;
  let member: TestUser;
  let paper: DocumentRecord;
  let secret: DocumentRecord;
  const marker = unique('SECRET-PAPER-MARKER');

  beforeAll(async () => {
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET' });
    member = await aUser(app, { clearance: 'CONFIDENTIAL' });
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, member);
    const meeting = await aMeeting(app, chair, committee, { startsAt: '2031-05-01T09:30:00+08:00' });
    const item = await anAgendaItem(app, chair, meeting);
    paper = await aDocument(app, chair, committee, { parentId: item.id, title: unique('Kertas belum dibaca') });
    secret = await aDocument(app, chair, committee, { parentId: item.id, title: marker, classification: 'SECRET' });
    await schedule(chair, meeting);
  });

  it('should list a paper until the member opens it, list it again for a new version, and note a read once per version', async () => {
    const before = await home(member, committee);
    expect(before.nextMeeting?.unreadPapers).toEqual([
      { id: paper.id, number: paper.number, title: paper.title, classification: paper.classification },
    ]);

    expect(await open(member, `/api/documents/${paper.id}/content`)).toBe(200);
    expect(await unread(member, committee)).toEqual([]);
    // Still one of the meeting's papers, only read.
    expect((await home(member, committee)).nextMeeting?.papers.map((p) => p.id)).toContain(paper.id);
    // Opening it again adds nothing and fails nothing.
    expect(await open(member, `/api/documents/${paper.id}/content`)).toBe(200);
    const { dataSource } = sql(app);
    const rows = await dataSource.query('SELECT file_version FROM paper_reads WHERE user_id = $1 AND document_id = $2', [
      member.id,
      paper.id,
    ]);
    expect(rows).toEqual([{ file_version: 1 }]);
    // A read is a private fact of the reader: no change of the paper, no event.
    const events = await dataSource.query('SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND actor_id = $2', [
      paper.id,
      member.id,
    ]);
    expect(events).toEqual([{ n: 0 }]);

    // A new version is unread again; the old version opened again does not count for it.
    const revised = await newVersion(chair, paper);
    expect(revised.fileVersion).toBe(2);
    expect(await unread(member, committee)).toEqual([paper.id]);
    expect(await open(member, `/api/documents/${paper.id}/versions/1/content`)).toBe(200);
    expect(await unread(member, committee)).toEqual([paper.id]);
    // The reader fetching the version by its number counts.
    expect(await open(member, `/api/documents/${paper.id}/versions/2/content`)).toBe(200);
    expect(await unread(member, committee)).toEqual([]);
  });

  it('should never show a CONFIDENTIAL member a SECRET paper of the next meeting, on either home, while the chair sees it', async () => {
    const mine = JSON.stringify(await home(member, committee));
    const across = await app.request<MyHome>('GET', '/api/me/home', member.token);
    expect(across.status).toBe(200);
    expect(mine).not.toContain(marker);
    expect(mine).not.toContain(secret.id);
    expect(JSON.stringify(across.body)).not.toContain(marker);
    // The member cannot open it either: no read is noted for what they may not see.
    expect(await open(member, `/api/documents/${secret.id}/content`)).toBe(404);
    const { dataSource } = sql(app);
    expect(await dataSource.query('SELECT 1 FROM paper_reads WHERE document_id = $1', [secret.id])).toEqual([]);

    // Positive control: the chair, cleared for it, sees it unread until they open it.
    const chairs = (await home(chair, committee)).nextMeeting?.unreadPapers ?? [];
    expect(chairs.map((p) => p.title)).toContain(marker);
    expect(await open(chair, `/api/documents/${secret.id}/content`)).toBe(200);
    expect(((await home(chair, committee)).nextMeeting?.unreadPapers ?? []).map((p) => p.id)).not.toContain(secret.id);
    const chairAcross = await app.request<MyHome>('GET', '/api/me/home', chair.token);
    const entry = chairAcross.body.committees.find((c) => c.committeeId === committee.id);
    expect(entry?.nextMeeting?.papers.map((p) => p.title)).toContain(marker);
  });
});
