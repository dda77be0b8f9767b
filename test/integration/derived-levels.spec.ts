import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, AgendaItem, Classification, Decision, DocumentPage, DocumentRecord, Meeting, Minutes } from '@sidang/shared';
import { sql } from './support/db.js';
import {
  aCommittee,
  aMembership,
  anAgendaItem,
  aUser,
  aMeeting as createMeeting,
  startMeeting,
  type TestUser,
} from './support/factories.js';
import { delivered, type HttpResult, type LiveClient, TestApp } from './support/harness.js';

interface ApiError {
  code?: string;
  issues?: Array<{ field: string; code: string }>;
}

/** A small well-formed PDF. */
function aPdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), randomBytes(256), Buffer.from('\n%%EOF\n')]);
}

/**
 * Derived records (contract, "Derived records and the seams"): an action raised from an agenda
 * item or a minutes section, a decision and a paper take the highest level of their origin chain
 * when no classification is asked for; lower only with a reason, by the chair or secretariat.
 */
describe('derived records inherit their origin level', () => {
  let app: TestApp;
  let committeeId: string;
  let chair: TestUser;
  let secretariat: TestUser;
  let member: TestUser;
  let restricted: TestUser;
  let observer: TestUser;
  /** A CONFIDENTIAL meeting and a RESTRICTED item of it. */
  let meeting: Meeting;
  let item: AgendaItem;
  /** Subscribed before any derived record is written; each collects what reaches its reader. */
  let live: Record<'member' | 'restricted' | 'observer', LiveClient>;

  beforeAll(async () => {
    app = await TestApp.start();
    committeeId = (await aCommittee(app)).id;
    chair = await aUser(app, { clearance: 'SECRET' });
    secretariat = await aUser(app, { clearance: 'SECRET' });
    member = await aUser(app, { clearance: 'CONFIDENTIAL' });
    restricted = await aUser(app, { clearance: 'RESTRICTED' });
    observer = await aUser(app, { clearance: 'OPEN' });
    await aMembership(app, { id: committeeId }, chair, 'chair');
    await aMembership(app, { id: committeeId }, secretariat, 'secretariat');
    await aMembership(app, { id: committeeId }, member, 'member');
    await aMembership(app, { id: committeeId }, restricted, 'member');
    await aMembership(app, { id: committeeId }, observer, 'observer');
    // In progress: decisions are recorded on its item.
    meeting = await startMeeting(app, chair, await aMeeting('CONFIDENTIAL'));
    item = await anItem(meeting, 'RESTRICTED');
    live = { member: await subscribed(member), restricted: await subscribed(restricted), observer: await subscribed(observer) };
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  const aMeeting = async (classification: string): Promise<Meeting> => {
    return createMeeting(
      app,
      chair,
      { id: committeeId },
      {
        title: 'Mesyuarat Jawatankuasa Teknikal',
        startsAt: '2034-02-10T09:30:00+08:00',
        classification: classification as Classification,
        standardAgenda: false,
      },
    );
  };
  const anItem = async (of: Meeting, classification: string): Promise<AgendaItem> => {
    return anAgendaItem(app, chair, of, { title: 'Kertas 3.2: Insentif loji magnet', classification: classification as Classification });
  };
  const subscribed = async (user: TestUser): Promise<LiveClient> => {
    const client = await app.connect(user.token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    return client;
  };
  const marker = () => `MARKER-${randomUUID()}`;
  const raise = (token: string, body: Record<string, unknown>) =>
    app.request<ActionItem & ApiError>('POST', `/api/committees/${committeeId}/action-items`, token, body);
  const decide = (token: string, agendaItemId: string, body: Record<string, unknown>) =>
    app.request<Decision & ApiError>('POST', `/api/agenda-items/${agendaItemId}/decisions`, token, body);
  const upload = async (token: string, fields: Record<string, string>): Promise<HttpResult<DocumentRecord & ApiError>> => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(aPdf())], { type: 'application/pdf' }), 'kertas.pdf');
    const response = await fetch(`${app.url}/api/committees/${committeeId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as DocumentRecord & ApiError };
  };

  /**
   * What each reader can reach of a record whose title (or text) carries `mark`, on every
   * channel: REST (`rest` answers for the reader), the live socket and catch-up. The
   * CONFIDENTIAL member gets it (positive control); the RESTRICTED and OPEN readers nowhere.
   */
  const expectOnlyConfidentialReaders = async (mark: string, rest: (user: TestUser) => Promise<unknown>) => {
    await live.member.waitFor((events) => JSON.stringify(events).includes(mark));
    expect(JSON.stringify(await rest(member))).toContain(mark);
    expect(JSON.stringify((await app.catchUp(member.token, committeeId, 0)).events)).toContain(mark);
    await delivered(live.restricted, live.observer);
    for (const reader of [restricted, observer]) {
      expect(JSON.stringify(await rest(reader))).not.toContain(mark);
      expect(JSON.stringify((await app.catchUp(reader.token, committeeId, 0)).events)).not.toContain(mark);
    }
    expect(JSON.stringify(live.restricted.events)).not.toContain(mark);
    expect(JSON.stringify(live.observer.events)).not.toContain(mark);
  };

  /** The event data and audit row of a record's creation, as stored. */
  const stored = async (entityId: string) => {
    const rows: Array<{ data: Record<string, unknown>; after: Record<string, unknown> }> = await sql(app).dataSource.query(
      `SELECT e.data, a.after FROM change_events e JOIN audit_entries a ON a.committee_id = e.committee_id AND a.seq = e.seq
       WHERE e.entity_id = $1 AND e.verb = 'created'`,
      [entityId],
    );
    expect(rows).toHaveLength(1);
    return rows[0] as { data: Record<string, unknown>; after: Record<string, unknown> };
  };

  const actionRest = (id: string) => async (user: TestUser) => {
    const one = await app.request('GET', `/api/action-items/${id}`, user.token);
    const list = await app.request('GET', `/api/committees/${committeeId}/action-items`, user.token);
    return [one.status === 200 ? one.body : one.status, list.body];
  };

  it('should store an action raised from a RESTRICTED item of a CONFIDENTIAL meeting at CONFIDENTIAL, out of reach of lower readers', async () => {
    const title = marker();
    const created = await raise(secretariat.token, { title, meetingId: meeting.id, agendaItemId: item.id });
    expect(created.status).toBe(201);
    expect(created.body.classification).toBe('CONFIDENTIAL');
    await expectOnlyConfidentialReaders(title, actionRest(created.body.id));
  });

  it('should store an action raised from a passage of the minutes at least at its section level', async () => {
    // An OPEN meeting and item whose minutes section alone was raised to CONFIDENTIAL.
    const openMeeting = await aMeeting('OPEN');
    const openItem = await anItem(openMeeting, 'OPEN');
    const minutes = await app.request<Minutes>('GET', `/api/meetings/${openMeeting.id}/minutes`, chair.token);
    expect(minutes.status).toBe(200);
    const section = minutes.body.sections.find((s) => s.agendaItemId === openItem.id);
    if (!section) throw new Error('no section for the item');
    const raised = await app.request('PATCH', `/api/minutes-sections/${section.id}`, chair.token, {
      version: section.version,
      classification: 'CONFIDENTIAL',
    });
    expect(raised.status).toBe(200);

    const title = marker();
    const created = await raise(secretariat.token, {
      title,
      meetingId: openMeeting.id,
      agendaItemId: openItem.id,
      minutesSectionId: section.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.classification).toBe('CONFIDENTIAL');
    await expectOnlyConfidentialReaders(title, actionRest(created.body.id));

    // Without the section the same origin is OPEN: the section is what raised it.
    const plain = await raise(secretariat.token, { title: marker(), meetingId: openMeeting.id, agendaItemId: openItem.id });
    expect(plain.body.classification).toBe('OPEN');
    // A section of another item is not an origin of this one.
    const wrong = await raise(secretariat.token, {
      title: marker(),
      meetingId: meeting.id,
      agendaItemId: item.id,
      minutesSectionId: section.id,
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('minutesSectionId');
  });

  it('should store a decision on the item at CONFIDENTIAL, out of reach of lower readers', async () => {
    const text = marker();
    const created = await decide(secretariat.token, item.id, { text });
    expect(created.status).toBe(201);
    expect(created.body.classification).toBe('CONFIDENTIAL');
    await expectOnlyConfidentialReaders(text, async (user) => [
      (await app.request('GET', `/api/committees/${committeeId}/decisions?q=${text}`, user.token)).body,
      (await app.request('GET', `/api/agenda-items/${item.id}/decisions`, user.token)).body,
    ]);
  });

  it('should store a paper on the item at CONFIDENTIAL, out of reach of lower readers', async () => {
    const title = marker();
    const created = await upload(secretariat.token, { parentId: item.id, title });
    expect(created.status).toBe(201);
    expect(created.body.classification).toBe('CONFIDENTIAL');
    await expectOnlyConfidentialReaders(title, async (user) => [
      (await app.request<DocumentPage>('GET', `/api/committees/${committeeId}/documents`, user.token)).body,
      (await app.request('GET', `/api/documents/${created.body.id}`, user.token)).body,
    ]);
  });

  it('should refuse a level below the origin without a reason, with below_origin naming classification', async () => {
    const refusals = [
      await raise(secretariat.token, { title: marker(), meetingId: meeting.id, agendaItemId: item.id, classification: 'RESTRICTED' }),
      await decide(secretariat.token, item.id, { text: marker(), classification: 'OPEN' }),
      await upload(secretariat.token, { parentId: item.id, title: marker(), classification: 'RESTRICTED' }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('below_origin');
      expect(refused.body.issues).toEqual([expect.objectContaining({ field: 'classification', code: 'below_origin' })]);
    }
    // At or above the origin no reason is needed.
    const above = await raise(secretariat.token, {
      title: marker(),
      meetingId: meeting.id,
      agendaItemId: item.id,
      classification: 'SECRET',
    });
    expect(above.status).toBe(201);
    expect(above.body.classification).toBe('SECRET');
  });

  it('should let the secretariat declassify with a reason, kept in the event and the audit row', async () => {
    const reason = `Published in the gazette ${randomUUID()}`;
    const title = marker();
    const action = await raise(secretariat.token, {
      title,
      meetingId: meeting.id,
      agendaItemId: item.id,
      classification: 'RESTRICTED',
      declassificationReason: reason,
    });
    expect(action.status).toBe(201);
    expect(action.body.classification).toBe('RESTRICTED');
    const decision = await decide(chair.token, item.id, { text: marker(), classification: 'RESTRICTED', declassificationReason: reason });
    expect(decision.status).toBe(201);
    expect(decision.body.classification).toBe('RESTRICTED');
    const paper = await upload(secretariat.token, {
      parentId: item.id,
      title: marker(),
      classification: 'OPEN',
      declassificationReason: reason,
    });
    expect(paper.status).toBe(201);
    expect(paper.body.classification).toBe('OPEN');
    for (const id of [action.body.id, decision.body.id, paper.body.id]) {
      const { data, after } = await stored(id);
      expect(data.declassificationReason).toBe(reason);
      expect(after.declassificationReason).toBe(reason);
    }
    // The declassified action now reaches the RESTRICTED reader; the OPEN observer still not.
    await live.restricted.waitFor((events) => JSON.stringify(events).includes(title));
    expect((await app.request('GET', `/api/action-items/${action.body.id}`, restricted.token)).status).toBe(200);
    expect((await app.request('GET', `/api/action-items/${action.body.id}`, observer.token)).status).toBe(404);
  });

  it('should refuse a declassification asked by a member, and an overlong reason', async () => {
    const reason = 'Members may not declassify';
    const asMember = [
      await raise(member.token, {
        title: marker(),
        meetingId: meeting.id,
        agendaItemId: item.id,
        classification: 'OPEN',
        declassificationReason: reason,
      }),
      await decide(member.token, item.id, { text: marker(), classification: 'OPEN', declassificationReason: reason }),
      await upload(member.token, { parentId: item.id, title: marker(), classification: 'OPEN', declassificationReason: reason }),
    ];
    for (const refused of asMember) expect(refused.status).toBe(403);
    // A reason longer than 500 characters is refused by the schema, naming the field.
    const long = await raise(secretariat.token, {
      title: marker(),
      meetingId: meeting.id,
      agendaItemId: item.id,
      classification: 'OPEN',
      declassificationReason: 'x'.repeat(501),
    });
    expect(long.status).toBe(400);
    expect(long.body.issues).toEqual([expect.objectContaining({ field: 'declassificationReason' })]);
  });

  it('should document declassificationReason on every create of a derived record in the OpenAPI document', async () => {
    const doc = (await app.request<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('GET', '/api/openapi.json')).body;
    for (const path of [
      '/api/committees/{committeeId}/action-items',
      '/api/agenda-items/{id}/decisions',
      '/api/committees/{committeeId}/documents',
    ]) {
      const body = JSON.stringify(doc.paths[path]?.post?.requestBody ?? null);
      expect({ path, documented: body.includes('declassificationReason') }).toEqual({ path, documented: true });
    }
    expect(JSON.stringify(doc.paths['/api/committees/{committeeId}/action-items']?.post?.requestBody)).toContain('minutesSectionId');
  });
});
