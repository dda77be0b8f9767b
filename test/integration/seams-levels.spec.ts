import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import type { ActionItem, ActivityPage, AgendaItem, EventEnvelope, Meeting, Negotiation, SearchResponse } from '@sidang/shared';
import type { Actor } from '../../server/src/access/actor.js';
import type { ChangeTx } from '../../server/src/changes/change-tx.js';
import { ChangesService } from '../../server/src/changes/changes.service.js';
import { testStore } from '../support/databases.js';
import { sql } from './support/db.js';
import { demoSuite } from './support/demo-suite.js';
import { aMembership, aUser, startMeeting } from './support/factories.js';
import { type LiveClient, type Session, until } from './support/harness.js';

/** A unique word the search index keeps as one token (letters only). */
function word(prefix: string): string {
  return `${prefix}${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)}`;
}

/**
 * The pipeline's levels (issue 14, points 1 and 2): a logged event or audit row is served
 * through the higher of the field levels it was logged with and the record's current ones, and
 * a child record's change is logged at the levels of its ancestors as they stand in its own
 * transaction, read under lock.
 */
describe('the change pipeline: history follows current field levels, a child never outruns its parent', () => {
  const demo = demoSuite(['chair', 'member', 'observer'], { timeoutMs: 120_000 });

  const ok = async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const result = await demo.app.request<T>(method, path, token, body);
    if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };
  const head = async (session: Session) =>
    (await ok<{ latestSeq: number }>('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1`, session.token)).latestSeq;
  const download = async (token: string, path: string, format: 'csv' | 'xlsx') => {
    const response = await fetch(`${demo.app.url}/api/committees/${demo.committeeId}/${path}/export?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const buffer = Buffer.from(await response.arrayBuffer());
    if (format === 'csv') return buffer.toString('utf8');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(row.values)));
    return JSON.stringify(cells);
  };
  const search = async (token: string, q: string) =>
    (await ok<SearchResponse>('GET', `/api/search?${new URLSearchParams({ q, committeeId: demo.committeeId })}`, token)).items;

  it("should never again give a reader an action item description's earlier values once it is raised above them (catch-up, activity, exports, search; a member added later too)", async () => {
    const first = word('kestrelfirst');
    const second = word('kestrelsecond');
    const raised = word('kestrelraised');
    const after = await head(demo.member);
    const item = await demo.app.createItem(demo.chair.token, demo.committeeId, {
      title: 'Royalty formula for the separation plant',
      description: `Draft ${first}`,
      classification: 'CONFIDENTIAL',
    });
    const edited = await ok<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: 1,
      description: `Draft ${second}`,
    });
    // Before the raise the member may read the description: the control that it was theirs to read.
    expect(JSON.stringify(await demo.app.catchUp(demo.member.token, demo.committeeId, after))).toContain(second);
    const secret = await ok<ActionItem>('PATCH', `/api/action-items/${item.id}`, demo.chair.token, {
      version: edited.version,
      description: `Final ${raised}`,
      fieldClassifications: { description: 'SECRET' },
    });
    expect(secret.fieldClassifications).toEqual({ description: 'SECRET' });

    const latecomer = await aUser(demo.app, { clearance: 'CONFIDENTIAL' });
    await aMembership(demo.app, { id: demo.committeeId }, latecomer);
    for (const reader of [demo.member, latecomer]) {
      const sees = {
        catchUp: await demo.app.catchUp(reader.token, demo.committeeId, after, 2),
        activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${item.id}`, reader.token),
        feed: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?limit=100`, reader.token),
        get: await ok<ActionItem>('GET', `/api/action-items/${item.id}`, reader.token),
        stale: (await demo.app.request('PATCH', `/api/action-items/${item.id}`, reader.token, { version: 1, title: 'Stale' })).body,
        csv: await download(reader.token, 'action-items', 'csv'),
        xlsx: await download(reader.token, 'action-items', 'xlsx'),
        search: [...(await search(reader.token, first)), ...(await search(reader.token, second)), ...(await search(reader.token, raised))],
      };
      const text = JSON.stringify(sees);
      for (const value of [first, second, raised]) expect(text).not.toContain(value);
      // The record itself is still theirs, without the field, on every channel.
      expect(sees.get.redactedFields).toEqual(['description']);
      const logged = sees.catchUp.events.filter((event) => event.entityId === item.id);
      expect(logged.map((event) => event.type)).toEqual(['action-item.created', 'action-item.updated', 'action-item.updated']);
      for (const event of logged) expect(event.data).toMatchObject({ id: item.id, redactedFields: ['description'] });
      expect(sees.activity.items.map((entry) => entry.verb)).toEqual(['updated', 'updated', 'created']);
      expect(sees.activity.items.flatMap((entry) => entry.changes.map((change) => change.field))).not.toContain('description');
      expect(sees.csv).toContain('Royalty formula for the separation plant');
      expect(sees.xlsx).toContain('Royalty formula for the separation plant');
    }

    // Positive control: the SECRET chair reads every value on the same channels.
    const chairSees = {
      catchUp: await demo.app.catchUp(demo.chair.token, demo.committeeId, after),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${item.id}`, demo.chair.token),
      csv: await download(demo.chair.token, 'action-items', 'csv'),
      search: await search(demo.chair.token, raised),
    };
    const chairText = JSON.stringify(chairSees.catchUp) + JSON.stringify(chairSees.activity);
    for (const value of [first, second, raised]) expect(chairText).toContain(value);
    expect(chairSees.csv).toContain(raised);
    expect(chairSees.search.map((result) => result.id)).toContain(item.id);
  });

  it("should withhold a negotiation's earlier red lines from catch-up and activity once they are raised to SECRET", async () => {
    const early = `RED-LINES-${randomUUID()}`;
    const later = `RED-LINES-${randomUUID()}`;
    const after = await head(demo.member);
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Critical minerals chapter',
      counterpart: 'European Commission',
      redLines: early,
      classification: 'CONFIDENTIAL',
    });
    // Changed once in the open, so that the activity (before → after) holds both values.
    const changed = await ok<Negotiation>('PATCH', `/api/negotiations/${negotiation.id}`, demo.chair.token, {
      version: negotiation.version,
      redLines: later,
    });
    const memberBefore = JSON.stringify([
      await demo.app.catchUp(demo.member.token, demo.committeeId, after),
      await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${negotiation.id}`, demo.member.token),
    ]);
    expect(memberBefore).toContain(early);
    expect(memberBefore).toContain(later);
    await ok<Negotiation>('PATCH', `/api/negotiations/${negotiation.id}`, demo.chair.token, {
      version: changed.version,
      fieldClassifications: { redLines: 'SECRET' },
    });
    const memberSees = {
      catchUp: await demo.app.catchUp(demo.member.token, demo.committeeId, after),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${negotiation.id}`, demo.member.token),
      csv: await download(demo.member.token, 'negotiations', 'csv'),
    };
    expect(JSON.stringify(memberSees)).not.toContain(early);
    expect(JSON.stringify(memberSees)).not.toContain(later);
    expect(memberSees.catchUp.events.filter((event) => event.entityId === negotiation.id).map((event) => event.data)).toEqual([
      expect.objectContaining({ redactedFields: ['redLines'] }),
      expect.objectContaining({ redactedFields: ['redLines'] }),
      expect.objectContaining({ redactedFields: ['redLines'] }),
    ]);
    expect(memberSees.activity.items).toHaveLength(3);
    expect(memberSees.csv).toContain('Critical minerals chapter');
    // Positive control: the chair still reads both.
    const chairSees = JSON.stringify([
      await demo.app.catchUp(demo.chair.token, demo.committeeId, after),
      await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${negotiation.id}`, demo.chair.token),
    ]);
    expect(chairSees).toContain(early);
    expect(chairSees).toContain(later);
  });

  it('should hide, by the one ancestor rule, a decision and a link governed by it from every channel once their meeting is raised', async () => {
    const scheduled = await ok<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat pautan',
      startsAt: '2032-06-08T09:30:00+08:00',
    });
    // In progress: the decision is taken at the meeting.
    const meeting = await startMeeting(demo.app, demo.chair, scheduled);
    const item = await ok<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, { title: 'Offtake' });
    const text = `DECISION-${randomUUID()}`;
    const after = await head(demo.observer);
    const decision = await ok<{ id: string }>('POST', `/api/agenda-items/${item.id}/decisions`, demo.chair.token, { text });
    const action = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Follow the decision up' });
    // Ends of one level: the link is governed by its `from` end, here the decision (link → decision → item → meeting).
    const link = await ok<{ id: string }>('POST', '/api/links', demo.chair.token, { fromId: decision.id, toId: action.id });
    const linksOf = (session: Session) => ok<Array<{ linkId: string }>>('GET', `/api/records/${action.id}/links`, session.token);
    // Before the raise the observer sees the link: the control that it is theirs until then.
    expect((await linksOf(demo.observer)).map((shown) => shown.linkId)).toEqual([link.id]);
    await ok<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, { version: meeting.version, classification: 'SECRET' });

    const observerSees = {
      links: await linksOf(demo.observer),
      catchUp: await demo.app.catchUp(demo.observer.token, demo.committeeId, after),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?limit=100`, demo.observer.token),
    };
    expect(observerSees.links).toEqual([]);
    expect(JSON.stringify(observerSees)).not.toContain(text);
    expect(JSON.stringify(observerSees)).not.toContain(link.id);
    // The action item itself stays theirs.
    expect(observerSees.catchUp.events.map((event) => event.entityId)).toContain(action.id);
    // Positive control: the chair keeps all of it.
    expect((await linksOf(demo.chair)).map((shown) => shown.linkId)).toEqual([link.id]);
    const chairSees = JSON.stringify(await demo.app.catchUp(demo.chair.token, demo.committeeId, after));
    expect(chairSees).toContain(text);
    expect(chairSees).toContain(link.id);
  });

  it('should hide a link from every channel once its other end is raised, whichever end it was made from', async () => {
    const from = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Feedstock survey' });
    const to = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: `Offtake terms ${randomUUID()}` });
    const after = await head(demo.observer);
    // Ends of one level: before the fix the link was governed by its `from` end alone.
    const link = await ok<{ id: string }>('POST', '/api/links', demo.chair.token, { fromId: from.id, toId: to.id });
    const linksOf = (session: Session) => ok<Array<{ linkId: string }>>('GET', `/api/records/${from.id}/links`, session.token);
    expect((await linksOf(demo.observer)).map((shown) => shown.linkId)).toEqual([link.id]);
    await ok<ActionItem>('PATCH', `/api/action-items/${to.id}`, demo.chair.token, { version: to.version, classification: 'SECRET' });

    const observerSees = {
      links: await linksOf(demo.observer),
      catchUp: await demo.app.catchUp(demo.observer.token, demo.committeeId, after),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?limit=100`, demo.observer.token),
    };
    expect(observerSees.links).toEqual([]);
    expect(JSON.stringify(observerSees)).not.toContain(link.id);
    // The `from` end stays theirs; the chair keeps the link (positive control).
    expect((await demo.app.request('GET', `/api/action-items/${from.id}`, demo.observer.token)).status).toBe(200);
    expect((await linksOf(demo.chair)).map((shown) => shown.linkId)).toEqual([link.id]);
    expect(JSON.stringify(await demo.app.catchUp(demo.chair.token, demo.committeeId, after))).toContain(link.id);
  });

  it('should never relay to an OPEN observer an agenda item changed while its meeting is raised to SECRET', async () => {
    const meeting = await ok<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat khas',
      startsAt: '2032-05-04T09:30:00+08:00',
    });
    const item = await ok<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, { title: 'Offtake terms' });
    const newTitle = `TITLE-${randomUUID()}`;
    const [observerSocket, chairSocket] = await Promise.all([subscribed(demo.observer), subscribed(demo.chair)]);
    const after = await head(demo.observer);

    const raise = () =>
      demo.app.request('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, { version: meeting.version, classification: 'SECRET' });
    const retitle = () =>
      demo.app.request('PATCH', `/api/agenda-items/${item.id}`, demo.chair.token, { version: item.version, title: newTitle });
    if (testStore() === 'postgres') {
      // The interleave of the issue, made deterministic: the meeting's scope row is held, so its
      // raise waits in the pipeline (its seq taken); the agenda item's PATCH starts while the
      // raise is uncommitted (its service reads the meeting as OPEN), then both are released.
      const { dataSource } = sql(demo.app);
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      const waiting = (count: number) =>
        until(
          async () => {
            const rows: Array<{ n: string }> = await dataSource.query(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return Number(rows[0]?.n) >= count;
          },
          `${count} writer(s) waiting`,
          5_000,
          25,
        );
      try {
        await holder.startTransaction();
        await holder.query('SELECT level FROM record_scopes WHERE scope_id = $1 FOR UPDATE', [meeting.id]);
        const raised = raise();
        await waiting(1);
        const retitled = retitle();
        await waiting(2);
        await holder.commitTransaction();
        expect((await raised).status).toBe(200);
        expect((await retitled).status).toBe(200);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    } else {
      // One serialized connection: no interleave, the sequential order instead.
      expect((await raise()).status).toBe(200);
      expect((await retitle()).status).toBe(200);
    }

    // Positive control: the SECRET chair gets the new title live; the observer is told the meeting went.
    await chairSocket.waitFor((events) =>
      events.some((event) => event.entityId === item.id && JSON.stringify(event.data).includes(newTitle)),
    );
    await observerSocket.waitFor((events) => events.some((event) => event.entityId === meeting.id && event.type === 'meeting.hidden'));
    await observerSocket.delivered();
    const observerSees = {
      socket: observerSocket.events,
      catchUp: await demo.app.catchUp(demo.observer.token, demo.committeeId, after),
      get: (await demo.app.request('GET', `/api/agenda-items/${item.id}`, demo.observer.token)).body,
    };
    expect(JSON.stringify(observerSees)).not.toContain(newTitle);
    expect(observerSocket.events.filter((event: EventEnvelope) => event.entityId === item.id)).toEqual([]);
    // Logged at the meeting's level as it stood in the item's own transaction.
    const [logged] = await sql(demo.app).dataSource.query(
      `SELECT level FROM change_events WHERE committee_id = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
      [demo.committeeId, item.id],
    );
    expect(Number(logged.level)).toBe(3);
  });

  it('should refuse with 404, not 409 with the current record, a stale edit of an agenda item whose meeting was raised above the editor meanwhile', async () => {
    const editor = await aUser(demo.app, { clearance: 'CONFIDENTIAL' });
    await aMembership(demo.app, { id: demo.committeeId }, editor, 'secretariat');
    const meeting = await ok<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      title: 'Mesyuarat tertutup',
      startsAt: '2032-06-08T09:30:00+08:00',
    });
    const item = await ok<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, { title: 'Tolling fee' });
    const secretTitle = `SECRET-${randomUUID()}`;
    // The interleave made deterministic on either store: the editor's PATCH has passed its
    // checks (the meeting was CONFIDENTIAL then); before its transaction starts, the chair
    // raises the meeting to SECRET and retitles the item, so the editor's version is stale.
    const changes = demo.app.app.get(ChangesService);
    const transact = changes.transact.bind(changes) as (actor: Actor, work: (tx: ChangeTx) => Promise<unknown>) => Promise<unknown>;
    const spy = jest.spyOn(changes, 'transact').mockImplementation((async (actor: Actor, work: (tx: ChangeTx) => Promise<unknown>) => {
      if (actor.id === editor.id) {
        spy.mockRestore();
        await ok('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, { version: meeting.version, classification: 'SECRET' });
        await ok('PATCH', `/api/agenda-items/${item.id}`, demo.chair.token, { version: item.version, title: secretTitle });
      }
      return transact(actor, work);
    }) as typeof changes.transact);
    let stale: { status: number; body: unknown };
    try {
      stale = await demo.app.request('PATCH', `/api/agenda-items/${item.id}`, editor.token, {
        version: item.version,
        title: 'Tolling fee (revised)',
      });
    } finally {
      spy.mockRestore();
    }
    expect(stale.status).toBe(404);
    expect(JSON.stringify(stale.body)).not.toContain(secretTitle);
    // Positive control: the same stale edit by the chair, who may see the meeting, answers 409 with the current item.
    const chairs = await demo.app.request('PATCH', `/api/agenda-items/${item.id}`, demo.chair.token, {
      version: item.version,
      title: 'Tolling fee (revised)',
    });
    expect(chairs.status).toBe(409);
    expect(JSON.stringify(chairs.body)).toContain(secretTitle);
  });
});
