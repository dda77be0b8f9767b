import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityPage, Classification, EventEnvelope, LinkedRecord, Negotiation, Page, RecordLink, RndProject } from '@sidang/shared';
import fc from 'fast-check';
import { demoSuite } from './support/demo-suite.js';
import { aBilateralMeeting, aMembership, aNegotiation, anRndProject, aUser, type TestUser } from './support/factories.js';
import { delivered, type LiveClient } from './support/harness.js';

/**
 * The registers (bilateral meetings and their commitments, agreements, negotiations and their
 * rounds, R&D projects and their milestones) and record links: live to those cleared, silent
 * to everyone else, field levels withheld on every channel.
 */
describe('registers', () => {
  // One sign-in at a time: password hashing is queued, and a loaded machine makes the queue long.
  const demo = demoSuite(['chair', 'member', 'observer'], { timeoutMs: 120_000, oneAtATime: true });
  let restricted: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    restricted = await aUser(demo.app, { clearance: 'RESTRICTED' });
    await aMembership(demo.app, { id: demo.committeeId }, restricted, 'member');
    // Cleared for everything, but not in the committee.
    outsider = await aUser(demo.app, { clearance: 'SECRET' });
  });

  const subscribed = async (session: { token: string }): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };

  const ok = async <T>(method: string, path: string, token: string, body?: unknown, status = method === 'POST' ? 201 : 200): Promise<T> => {
    const result = await demo.app.request<T>(method, path, token, body);
    if (result.status !== status) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };

  const latestSeq = async (token: string): Promise<number> =>
    (await demo.app.request<{ latestSeq: number }>('GET', `/api/committees/${demo.committeeId}/events?after=0&limit=1`, token)).body
      .latestSeq;

  /** A parent record and a child under it, both at `level`. */
  const REGISTERS: Array<{
    entity: string;
    collection: (level: Classification) => Promise<{ path: string; body: Record<string, unknown> }>;
    own: string;
    change: Record<string, unknown>;
    /** A text field of the record, where a test plants its marker. */
    text: string;
  }> = [
    {
      entity: 'bilateral-meeting',
      collection: async () => ({
        path: `/api/committees/${demo.committeeId}/bilateral-meetings`,
        body: { country: 'JP', counterpart: 'JICA', date: '2026-03-02' },
      }),
      own: 'bilateral-meetings',
      text: 'counterpart',
      change: { outcomes: 'Work plan agreed' },
    },
    {
      entity: 'bilateral-commitment',
      collection: async (level) => {
        const meeting = await aBilateralMeeting(
          demo.app,
          demo.chair,
          { id: demo.committeeId },
          {
            country: 'KR',
            counterpart: 'MOTIE',
            date: '2026-02-10',
            classification: level,
          },
        );
        return { path: `/api/bilateral-meetings/${meeting.id}/commitments`, body: { side: 'ours', text: 'Table incentive options' } };
      },
      own: 'bilateral-commitments',
      text: 'text',
      change: { status: 'done' },
    },
    {
      entity: 'agreement',
      collection: async () => ({
        path: `/api/committees/${demo.committeeId}/agreements`,
        body: { title: 'MoU on critical minerals', country: 'US' },
      }),
      own: 'agreements',
      text: 'title',
      change: { status: 'signed', signedOn: '2025-10-26' },
    },
    {
      entity: 'negotiation',
      collection: async () => ({
        path: `/api/committees/${demo.committeeId}/negotiations`,
        body: { title: 'EU FTA raw materials chapter' },
      }),
      own: 'negotiations',
      text: 'title',
      change: { status: 'in_progress' },
    },
    {
      entity: 'negotiation-round',
      collection: async (level) => {
        const negotiation = await aNegotiation(
          demo.app,
          demo.chair,
          { id: demo.committeeId },
          {
            title: 'Supply-chain agreement',
            kind: 'supply_chain',
            classification: level,
          },
        );
        return { path: `/api/negotiations/${negotiation.id}/rounds`, body: { venue: 'Brussels', startsOn: '2026-04-01' } };
      },
      own: 'negotiation-rounds',
      text: 'venue',
      change: { outcome: 'Texts exchanged' },
    },
    {
      entity: 'rnd-project',
      collection: async () => ({
        path: `/api/committees/${demo.committeeId}/rnd-projects`,
        body: { title: 'Dy/Tb separation', trlNow: 3, trlTarget: 5, valueChainStage: 'separation' },
      }),
      own: 'rnd-projects',
      text: 'title',
      change: { trlNow: 4 },
    },
    {
      entity: 'rnd-milestone',
      collection: async (level) => {
        const project = await anRndProject(
          demo.app,
          demo.chair,
          { id: demo.committeeId },
          {
            title: 'Magnet recycling',
            trlNow: 2,
            trlTarget: 4,
            classification: level,
          },
        );
        return { path: `/api/rnd-projects/${project.id}/milestones`, body: { title: 'Decrepitation trial', plannedOn: '2026-06-30' } };
      },
      own: 'rnd-milestones',
      text: 'title',
      change: { status: 'in_progress' },
    },
  ];

  it('should bring every create, update and delete live to readers cleared for the record, and nothing to anyone else', async () => {
    const [memberSocket, restrictedSocket, observerSocket] = await Promise.all([
      subscribed(demo.member),
      subscribed(restricted),
      subscribed(demo.observer),
    ]);
    const refused = await demo.app.connect(outsider.token);
    expect((await refused.subscribe(demo.committeeId)).ok).toBe(false);

    const secrets: string[] = [];
    const opens: string[] = [];
    for (const register of REGISTERS) {
      // A CONFIDENTIAL record: the member (CONFIDENTIAL) sees its whole life, no one below does.
      const { path, body } = await register.collection('CONFIDENTIAL');
      const created = await ok<{ id: string; version: number }>('POST', path, demo.chair.token, {
        ...body,
        classification: 'CONFIDENTIAL',
      });
      const updated = await ok<{ version: number }>('PATCH', `/api/${register.own}/${created.id}`, demo.chair.token, {
        version: created.version,
        ...register.change,
      });
      expect(updated.version).toBe(2);
      await ok('DELETE', `/api/${register.own}/${created.id}?version=2`, demo.chair.token, undefined, 204);
      await memberSocket.waitFor((events) => events.some((e) => e.type === `${register.entity}.deleted` && e.entityId === created.id));
      expect(memberSocket.events.filter((e) => e.entityId === created.id).map((e) => e.type)).toEqual([
        `${register.entity}.created`,
        `${register.entity}.updated`,
        `${register.entity}.deleted`,
      ]);
      secrets.push(created.id);

      // Positive control for the readers below: an OPEN record under an OPEN parent reaches them.
      const open = await register.collection('OPEN');
      const visible = await ok<{ id: string }>('POST', open.path, demo.chair.token, open.body);
      opens.push(visible.id);
      await observerSocket.waitFor((events) => events.some((e) => e.entityId === visible.id && e.type === `${register.entity}.created`));
      await restrictedSocket.waitFor((events) => events.some((e) => e.entityId === visible.id));
    }
    // Each socket below had a later record of the committee (the last OPEN one) or is refused it: flush them.
    await delivered(restrictedSocket, observerSocket, refused);
    const seenBelow = JSON.stringify([restrictedSocket.events, observerSocket.events, refused.events]);
    for (const id of secrets) expect(seenBelow).not.toContain(id);
    expect(refused.events).toHaveLength(0);

    // REST agrees: a record they may not see is a 404, like one that does not exist.
    const [first] = opens;
    expect((await demo.app.request('GET', `/api/bilateral-meetings/${first}`, demo.observer.token)).status).toBe(200);
    expect((await demo.app.request('GET', `/api/bilateral-meetings/${first}`, outsider.token)).status).toBe(404);
    expect((await demo.app.request('GET', `/api/committees/${demo.committeeId}/negotiations`, outsider.token)).status).toBe(404);
  });

  it('should keep a SECRET record of every register from each reader below SECRET on every channel, and show it to a SECRET reader', async () => {
    const marker = `SECRET-${Math.random().toString(36).slice(2)}`;
    const after = await latestSeq(demo.chair.token);
    const sockets = await Promise.all([subscribed(demo.member), subscribed(restricted), subscribed(demo.observer)]);
    const chairSocket = await subscribed(demo.chair);
    const paths: string[] = [];
    for (const register of REGISTERS) {
      const { path, body } = await register.collection('SECRET');
      const created = await ok<{ id: string }>('POST', path, demo.chair.token, {
        ...body,
        [register.text]: `${marker} ${register.entity}`,
        classification: 'SECRET',
      });
      paths.push(path, `/api/${register.own}/${created.id}`);
      await chairSocket.waitFor((events) => events.some((e) => e.entityId === created.id));
    }
    const everywhere = [
      ...paths.filter((path) => !/\/(bilateral-commitments|negotiation-rounds|rnd-milestones)\//.test(path)),
      ...['bilateral-meetings', 'agreements', 'negotiations', 'rnd-projects'].flatMap((plural) => [
        `/api/committees/${demo.committeeId}/${plural}?limit=500`,
        `/api/committees/${demo.committeeId}/${plural}/export?format=csv`,
      ]),
      `/api/committees/${demo.committeeId}/countries/JP`,
      `/api/committees/${demo.committeeId}/countries/KR`,
      `/api/committees/${demo.committeeId}/countries/US`,
      `/api/committees/${demo.committeeId}/activity?limit=500`,
    ];
    await delivered(...sockets);
    for (const [index, reader] of [demo.member, restricted, demo.observer].entries()) {
      const seen: unknown[] = [sockets[index]?.events, await demo.app.catchUp(reader.token, demo.committeeId, after)];
      for (const path of everywhere) {
        const response = await fetch(`${demo.app.url}${path}`, { headers: { authorization: `Bearer ${reader.token}` } });
        expect(response.status).toBeLessThan(500);
        seen.push(path, response.status, await response.text());
      }
      expect(JSON.stringify(seen)).not.toContain(marker);
    }
    // Positive control: the SECRET reader has every one of them, live and on catch-up.
    const chairCatchUp = JSON.stringify(await demo.app.catchUp(demo.chair.token, demo.committeeId, after));
    for (const register of REGISTERS) {
      expect(chairCatchUp).toContain(`${marker} ${register.entity}`);
      expect(JSON.stringify(chairSocket.events)).toContain(`${marker} ${register.entity}`);
    }
    const outsiderView = await demo.app.request(
      'GET',
      `/api/committees/${demo.committeeId}/negotiations/export?format=csv`,
      outsider.token,
    );
    expect(outsiderView.status).toBe(404);
  });

  it('should seed the demo registers: partners, the EU raw-materials negotiation with SECRET red lines, six R&D projects with one slipping', async () => {
    const fta = 'Malaysia–EU FTA: raw materials chapter';
    const asMember = await ok<Page<Negotiation>>('GET', `/api/committees/${demo.committeeId}/negotiations?limit=500`, demo.member.token);
    const memberFta = asMember.items.find((item) => item.title === fta);
    expect(memberFta).toMatchObject({ classification: 'CONFIDENTIAL', redactedFields: ['fallback', 'redLines'] });
    expect(memberFta?.redLines).toBeUndefined();
    const chairFta = await ok<Negotiation>('GET', `/api/negotiations/${memberFta?.id}`, demo.chair.token);
    expect(chairFta.redLines).toMatch(/moratorium/);
    expect((await ok<unknown[]>('GET', `/api/negotiations/${chairFta.id}/rounds`, demo.member.token)).length).toBeGreaterThanOrEqual(2);
    expect((await demo.app.request('GET', `/api/negotiations/${chairFta.id}`, demo.observer.token)).status).toBe(404);

    for (const country of ['US', 'JP', 'KR', 'CN', 'EU', 'AU']) {
      const summary = await ok<{ engagements: unknown[] }>(
        'GET',
        `/api/committees/${demo.committeeId}/countries/${country}`,
        demo.chair.token,
      );
      expect({ country, engagements: summary.engagements.length > 0 }).toEqual({ country, engagements: true });
    }
    const projects = await ok<Page<RndProject>>('GET', `/api/committees/${demo.committeeId}/rnd-projects?limit=500`, demo.chair.token);
    const illustrative = projects.items.filter((project) => project.title.endsWith('(illustrative)'));
    expect(illustrative).toHaveLength(6);
    expect(illustrative.filter((project) => project.slipping).map((project) => project.title)).toEqual([
      'Carbonate purification and NdPr solvent-extraction pilot (illustrative)',
    ]);
    expect(illustrative.every((project) => project.trlTarget >= project.trlNow && project.valueChainStage)).toBe(true);
  });

  it('should refuse writes to roles that may not keep the registers', async () => {
    const attempt = await demo.app.request('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.member.token, {
      title: 'Not mine to open',
    });
    expect(attempt.status).toBe(403);
  });

  it('should withhold SECRET red lines from a CONFIDENTIAL reader on REST, socket, catch-up, activity and export, and show them to a SECRET one', async () => {
    const marker = `REDLINE-${Math.random().toString(36).slice(2)}`;
    const [memberSocket, chairSocket] = await Promise.all([subscribed(demo.member), subscribed(demo.chair)]);
    const after = await latestSeq(demo.member.token);
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Raw materials chapter',
      counterpart: 'European Commission',
      position: 'Keep the moratorium',
      redLines: 'To be agreed',
      classification: 'CONFIDENTIAL',
      fieldClassifications: { redLines: 'SECRET' },
    });
    // Written in a change too, so that the activity (before → after) has it to withhold.
    const changed = await ok<Negotiation>('PATCH', `/api/negotiations/${negotiation.id}`, demo.chair.token, {
      version: 1,
      redLines: marker,
    });
    expect(changed.redLines).toBe(marker);
    const updated = (events: EventEnvelope[]) => events.some((e) => e.entityId === negotiation.id && e.type === 'negotiation.updated');
    await memberSocket.waitFor(updated);
    await chairSocket.waitFor(updated);

    const download = async (token: string, format: 'csv' | 'xlsx') => {
      const response = await fetch(`${demo.app.url}/api/committees/${demo.committeeId}/negotiations/export?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const { default: ExcelJS } = await import('exceljs');
    const xlsxText = async (buffer: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
      const cells: unknown[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(row.values)));
      return JSON.stringify(cells);
    };

    const memberSees = {
      list: await ok<Page<Negotiation>>('GET', `/api/committees/${demo.committeeId}/negotiations`, demo.member.token),
      get: await ok<Negotiation>('GET', `/api/negotiations/${negotiation.id}`, demo.member.token),
      socket: memberSocket.events,
      catchUp: await demo.app.catchUp(demo.member.token, demo.committeeId, after, 3),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${negotiation.id}`, demo.member.token),
      csv: (await download(demo.member.token, 'csv')).toString('utf8'),
      xlsx: await xlsxText(await download(demo.member.token, 'xlsx')),
    };
    expect(JSON.stringify(memberSees)).not.toContain(marker);
    expect(memberSees.get.redactedFields).toEqual(['redLines']);
    expect(memberSees.get.position).toBe('Keep the moratorium');
    expect(memberSees.list.items.find((item) => item.id === negotiation.id)?.redactedFields).toEqual(['redLines']);
    expect(memberSocket.events.filter((e) => e.entityId === negotiation.id).map((e) => e.data)).toEqual([
      expect.objectContaining({ redactedFields: ['redLines'] }),
      expect.objectContaining({ redactedFields: ['redLines'] }),
    ]);
    expect(memberSees.catchUp.events.find((e) => e.entityId === negotiation.id)?.data).toMatchObject({ redactedFields: ['redLines'] });
    expect(memberSees.activity.items).toHaveLength(2);
    expect(memberSees.csv).toContain('Raw materials chapter');
    expect(memberSees.xlsx).toContain('Raw materials chapter');

    // The SECRET reader sees it on every channel.
    const chairSees = {
      list: await ok<Page<Negotiation>>('GET', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token),
      get: await ok<Negotiation>('GET', `/api/negotiations/${negotiation.id}`, demo.chair.token),
      catchUp: await demo.app.catchUp(demo.chair.token, demo.committeeId, after),
      activity: await ok<ActivityPage>('GET', `/api/committees/${demo.committeeId}/activity?entityId=${negotiation.id}`, demo.chair.token),
    };
    expect(chairSees.get.redLines).toBe(marker);
    expect(chairSees.list.items.find((item) => item.id === negotiation.id)?.redLines).toBe(marker);
    expect(JSON.stringify(chairSocket.events.filter((e) => e.entityId === negotiation.id))).toContain(marker);
    expect(JSON.stringify(chairSees.catchUp)).toContain(marker);
    expect(JSON.stringify(chairSees.activity)).toContain(marker);
    expect((await download(demo.chair.token, 'csv')).toString('utf8')).toContain(marker);
    expect(await xlsxText(await download(demo.chair.token, 'xlsx'))).toContain(marker);
  });

  it('should remove a field live from readers below it when its level is raised', async () => {
    const marker = `FALLBACK-${Math.random().toString(36).slice(2)}`;
    const memberSocket = await subscribed(demo.member);
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Investment agreement',
      fallback: marker,
      classification: 'CONFIDENTIAL',
    });
    await memberSocket.waitFor((events) => events.some((e) => e.entityId === negotiation.id));
    expect(JSON.stringify(memberSocket.events)).toContain(marker); // visible before the raise

    await ok('PATCH', `/api/negotiations/${negotiation.id}`, demo.chair.token, {
      version: 1,
      fieldClassifications: { fallback: 'SECRET' },
    });
    const events = await memberSocket.waitFor((received) =>
      received.some((e) => e.entityId === negotiation.id && e.type === 'negotiation.updated'),
    );
    const update = events.find((e) => e.entityId === negotiation.id && e.type === 'negotiation.updated') as EventEnvelope;
    expect(update.data).toMatchObject({ id: negotiation.id, redactedFields: ['fallback'] });
    expect(JSON.stringify(update)).not.toContain(marker);
    expect(JSON.stringify(await ok('GET', `/api/negotiations/${negotiation.id}`, demo.member.token))).not.toContain(marker);
  });

  it('should keep a field level an editor is not cleared for when they edit the levels, and refuse their edit of that field', async () => {
    const marker = `KEPT-${Math.random().toString(36).slice(2)}`;
    const editor = await aUser(demo.app, { clearance: 'CONFIDENTIAL' });
    await aMembership(demo.app, { id: demo.committeeId }, editor, 'secretariat');
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Levels kept',
      redLines: marker,
      classification: 'CONFIDENTIAL',
      fieldClassifications: { redLines: 'SECRET' },
    });
    const edited = await ok<Negotiation>('PATCH', `/api/negotiations/${negotiation.id}`, editor.token, {
      version: 1,
      fieldClassifications: { position: 'CONFIDENTIAL' },
    });
    expect(edited.redactedFields).toEqual(['redLines']);
    expect(JSON.stringify(edited)).not.toContain(marker);
    expect((await ok<Negotiation>('GET', `/api/negotiations/${negotiation.id}`, demo.chair.token)).fieldClassifications).toEqual({
      redLines: 'SECRET',
    });
    expect((await ok<Negotiation>('GET', `/api/negotiations/${negotiation.id}`, demo.member.token)).redactedFields).toEqual(['redLines']);

    const blind = await demo.app.request<{ message: string }>('PATCH', `/api/negotiations/${negotiation.id}`, editor.token, {
      version: 2,
      redLines: 'x',
    });
    expect([blind.status, blind.body.message]).toEqual([400, expect.stringMatching(/^redLines:/)]);
    const lowered = await demo.app.request<{ message: string }>('PATCH', `/api/negotiations/${negotiation.id}`, editor.token, {
      version: 2,
      fieldClassifications: { redLines: 'CONFIDENTIAL' },
    });
    expect([lowered.status, lowered.body.message]).toEqual([400, expect.stringMatching(/^redLines:/)]);
    expect((await ok<Negotiation>('GET', `/api/negotiations/${negotiation.id}`, demo.chair.token)).redLines).toBe(marker);
  });

  it('should take a raised record and its children away from readers below the new level, live and on catch-up', async () => {
    const marker = `ROUND-${Math.random().toString(36).slice(2)}`;
    const memberSocket = await subscribed(demo.member);
    const after = await latestSeq(demo.member.token);
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Soon SECRET',
      classification: 'CONFIDENTIAL',
    });
    const round = await ok<{ id: string }>('POST', `/api/negotiations/${negotiation.id}/rounds`, demo.chair.token, { venue: marker });
    await memberSocket.waitFor((events) => events.some((e) => e.entityId === round.id));
    expect(JSON.stringify(await demo.app.catchUp(demo.member.token, demo.committeeId, after))).toContain(marker); // visible before the raise

    await ok('PATCH', `/api/negotiations/${negotiation.id}`, demo.chair.token, { version: 1, classification: 'SECRET' });
    await memberSocket.waitFor((events) => events.some((e) => e.entityId === negotiation.id && e.type === 'negotiation.hidden'));
    expect(JSON.stringify(await demo.app.catchUp(demo.member.token, demo.committeeId, after))).not.toContain(marker);
    expect((await demo.app.request('GET', `/api/negotiations/${negotiation.id}/rounds`, demo.member.token)).status).toBe(404);
    expect(JSON.stringify(await demo.app.catchUp(demo.chair.token, demo.committeeId, after))).toContain(marker);
  });

  it('should show links both ways, and leave out a link to a record the reader may not see', async () => {
    const memberSocket = await subscribed(demo.member);
    const observerSocket = await subscribed(demo.observer);
    const action = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: 'Brief on the EU round' });
    const negotiation = await ok<Negotiation>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Linked chapter',
      classification: 'CONFIDENTIAL',
    });
    const project = await ok<RndProject>('POST', `/api/committees/${demo.committeeId}/rnd-projects`, demo.chair.token, {
      title: 'Open project',
      trlNow: 2,
    });

    const hidden = await ok<RecordLink>('POST', '/api/links', demo.chair.token, { fromId: action.id, toId: negotiation.id });
    expect(hidden.classification).toBe('CONFIDENTIAL');
    const shown = await ok<RecordLink>('POST', '/api/links', demo.member.token, { fromId: project.id, toId: action.id });
    expect(shown.classification).toBe('OPEN');
    expect((await demo.app.request('POST', '/api/links', demo.chair.token, { fromId: negotiation.id, toId: action.id })).status).toBe(409);

    const links = (token: string, id: string) => ok<LinkedRecord[]>('GET', `/api/records/${id}/links`, token);
    expect((await links(demo.member.token, action.id)).map((link) => [link.direction, link.type, link.title]).sort()).toEqual([
      ['incoming', 'rnd-project', 'Open project'],
      ['outgoing', 'negotiation', 'Linked chapter'],
    ]);
    const observerLinks = await links(demo.observer.token, action.id);
    expect(observerLinks.map((link) => link.id)).toEqual([project.id]);
    expect(JSON.stringify(observerLinks)).not.toContain(negotiation.id);
    expect((await demo.app.request('GET', `/api/records/${negotiation.id}/links`, demo.observer.token)).status).toBe(404);

    await memberSocket.waitFor((events) => events.some((e) => e.entityId === hidden.id && e.type === 'record-link.created'));
    await observerSocket.waitFor((events) => events.some((e) => e.entityId === shown.id));
    expect(JSON.stringify(observerSocket.events)).not.toContain(hidden.id);
    // The observer may not remove a link they cannot see; the member may remove it.
    expect((await demo.app.request('DELETE', `/api/links/${hidden.id}`, demo.observer.token)).status).toBe(404);
    await ok('DELETE', `/api/links/${hidden.id}`, demo.member.token, undefined, 204);
    expect((await links(demo.member.token, action.id)).map((link) => link.id)).toEqual([project.id]);
  });

  it('should flag a project as slipping from the milestones the reader may see, and filter on it', async () => {
    const project = await ok<RndProject>('POST', `/api/committees/${demo.committeeId}/rnd-projects`, demo.chair.token, {
      title: `Slipping ${Math.random().toString(36).slice(2)}`,
      trlNow: 3,
      trlTarget: 5,
      classification: 'CONFIDENTIAL',
    });
    const steady = await ok<RndProject>('POST', `/api/committees/${demo.committeeId}/rnd-projects`, demo.chair.token, {
      title: `Steady ${Math.random().toString(36).slice(2)}`,
      trlNow: 3,
      classification: 'CONFIDENTIAL',
    });
    const milestones = `/api/rnd-projects/${project.id}/milestones`;
    const late = await ok<{ late: boolean; overdue: boolean }>('POST', milestones, demo.chair.token, {
      title: 'Done after the plan',
      plannedOn: '2025-01-10',
      actualOn: '2025-02-01',
      status: 'done',
    });
    expect(late).toMatchObject({ late: true, overdue: false });
    const overdue = await ok<{ late: boolean; overdue: boolean }>('POST', milestones, demo.chair.token, {
      title: 'Past its plan, not done',
      plannedOn: '2025-03-01',
      status: 'in_progress',
      classification: 'SECRET',
    });
    expect(overdue).toMatchObject({ late: false, overdue: true });
    await ok('POST', `/api/rnd-projects/${steady.id}/milestones`, demo.chair.token, { title: 'In the future', plannedOn: '2099-01-01' });
    await ok('POST', `/api/rnd-projects/${steady.id}/milestones`, demo.chair.token, {
      title: 'On time',
      plannedOn: '2025-01-10',
      actualOn: '2025-01-09',
      status: 'done',
    });

    const chairView = await ok<RndProject>('GET', `/api/rnd-projects/${project.id}`, demo.chair.token);
    expect(chairView).toMatchObject({ slipping: true, lateMilestones: 1, overdueMilestones: 1 });
    // The SECRET overdue milestone does not count for a CONFIDENTIAL reader.
    const memberView = await ok<RndProject>('GET', `/api/rnd-projects/${project.id}`, demo.member.token);
    expect(memberView).toMatchObject({ slipping: true, lateMilestones: 1, overdueMilestones: 0 });
    expect((await ok<unknown[]>('GET', milestones, demo.member.token)).length).toBe(1);
    expect(await ok<RndProject>('GET', `/api/rnd-projects/${steady.id}`, demo.member.token)).toMatchObject({ slipping: false });

    const slipping = await ok<Page<RndProject>>(
      'GET',
      `/api/committees/${demo.committeeId}/rnd-projects?slipping=true&limit=500`,
      demo.member.token,
    );
    expect(slipping.items.map((item) => item.id)).toContain(project.id);
    expect(slipping.items.map((item) => item.id)).not.toContain(steady.id);
    expect(slipping.items.every((item) => item.slipping)).toBe(true);
    const notSlipping = await ok<Page<RndProject>>(
      'GET',
      `/api/committees/${demo.committeeId}/rnd-projects?slipping=false&limit=500`,
      demo.member.token,
    );
    expect(notSlipping.items.map((item) => item.id)).toContain(steady.id);
    expect(notSlipping.items.some((item) => item.slipping)).toBe(false);
  });

  it('should update a project live when a milestone moves its slippage, in the same transaction', async () => {
    const project = await ok<RndProject>('POST', `/api/committees/${demo.committeeId}/rnd-projects`, demo.chair.token, {
      title: `Live slippage ${Math.random().toString(36).slice(2)}`,
      trlNow: 4,
      classification: 'CONFIDENTIAL',
    });
    const memberSocket = await subscribed(demo.member);
    const observerSocket = await subscribed(demo.observer);
    try {
      const projectEvents = (events: EventEnvelope[]) =>
        events.filter((e) => e.entityId === project.id && e.type === 'rnd-project.updated').map((e) => e.data as RndProject);
      const milestone = await ok<{ id: string; version: number }>('POST', `/api/rnd-projects/${project.id}/milestones`, demo.chair.token, {
        title: 'Pilot plant commissioned',
        plannedOn: '2025-05-01',
        status: 'in_progress',
      });
      const slipped = await memberSocket.waitFor((events) => projectEvents(events).length > 0, 15_000);
      expect(projectEvents(slipped).at(-1)).toMatchObject({ slipping: true, overdueMilestones: 1, version: 2 });
      // The project's change and the milestone's are one transaction: adjacent seqs.
      const milestoneEvent = slipped.find((e) => e.entityId === milestone.id);
      const projectEvent = slipped.find((e) => e.entityId === project.id && e.type === 'rnd-project.updated');
      expect(projectEvent?.seq).toBe((milestoneEvent?.seq ?? 0) + 1);
      // The list a reader loads agrees with what the event said.
      const listed = await ok<Page<RndProject>>('GET', `/api/committees/${demo.committeeId}/rnd-projects?limit=500`, demo.member.token);
      expect(listed.items.find((item) => item.id === project.id)).toMatchObject({ slipping: true, version: 2 });
      // A change that leaves the slippage as it was says nothing about the project.
      const retitled = await ok<{ version: number }>('PATCH', `/api/rnd-milestones/${milestone.id}`, demo.chair.token, {
        version: milestone.version,
        title: 'Pilot plant commissioned (phase 1)',
      });
      await ok('PATCH', `/api/rnd-milestones/${milestone.id}`, demo.chair.token, {
        version: retitled.version,
        status: 'done',
        actualOn: '2025-04-20',
      });
      const recovered = await memberSocket.waitFor((events) => projectEvents(events).some((p) => !p.slipping), 15_000);
      expect(projectEvents(recovered).map((p) => [p.version, p.slipping])).toEqual([
        [2, true],
        [3, false],
      ]);
      expect((await ok<RndProject>('GET', `/api/rnd-projects/${project.id}`, demo.member.token)).slipping).toBe(false);
      // Not cleared for the project: nothing of it.
      await observerSocket.delivered();
      expect(JSON.stringify(observerSocket.events)).not.toContain(project.id);
    } finally {
      memberSocket.disconnect();
      observerSocket.disconnect();
    }
  });

  it('should count the open commitments a reader may see on a bilateral meeting, kept right live', async () => {
    const meeting = await ok<{ id: string; openCommitments: number }>(
      'POST',
      `/api/committees/${demo.committeeId}/bilateral-meetings`,
      demo.chair.token,
      {
        country: 'DE',
        counterpart: `BGR ${Math.random().toString(36).slice(2)}`,
        date: '2026-05-04',
        classification: 'RESTRICTED',
      },
    );
    expect(meeting.openCommitments).toBe(0);
    const memberSocket = await subscribed(demo.member);
    try {
      const meetingEvents = (events: EventEnvelope[]) =>
        events
          .filter((e) => e.entityId === meeting.id && e.type === 'bilateral-meeting.updated')
          .map((e) => e.data as { openCommitments: number; version: number });
      const commitments = `/api/bilateral-meetings/${meeting.id}/commitments`;
      const open = await ok<{ id: string; version: number }>('POST', commitments, demo.chair.token, {
        side: 'ours',
        text: 'Share assay data',
      });
      // Above the meeting and above the member: counted for the chair only, and never in events.
      await ok('POST', commitments, demo.chair.token, { side: 'theirs', text: 'Offtake quota', classification: 'SECRET' });
      const counted = await memberSocket.waitFor((events) => meetingEvents(events).length > 0, 15_000);
      expect(meetingEvents(counted)[0]).toMatchObject({ openCommitments: 1, version: 2 });
      const get = (token: string) => ok<{ openCommitments: number }>('GET', `/api/bilateral-meetings/${meeting.id}`, token);
      expect((await get(demo.chair.token)).openCommitments).toBe(2);
      expect((await get(demo.member.token)).openCommitments).toBe(1);
      const listed = await ok<Page<{ id: string; openCommitments: number }>>(
        'GET',
        `/api/committees/${demo.committeeId}/bilateral-meetings?country=DE&limit=500`,
        demo.member.token,
      );
      expect(listed.items.find((item) => item.id === meeting.id)?.openCommitments).toBe(1);

      await ok('PATCH', `/api/bilateral-commitments/${open.id}`, demo.chair.token, { version: open.version, status: 'done' });
      const closed = await memberSocket.waitFor((events) => meetingEvents(events).some((m) => m.openCommitments === 0), 15_000);
      expect(meetingEvents(closed).at(-1)?.version).toBeGreaterThan(2);
      expect((await get(demo.member.token)).openCommitments).toBe(0);
      expect((await get(demo.chair.token)).openCommitments).toBe(1);
    } finally {
      memberSocket.disconnect();
    }
  });

  it('should page lists and show a country only as far as the reader may see it', async () => {
    const country = 'AU';
    for (const [date, classification] of [
      ['2026-01-05', 'OPEN'],
      ['2026-01-06', 'SECRET'],
      ['2026-01-07', 'OPEN'],
    ] as const) {
      const meeting = await ok<{ id: string }>('POST', `/api/committees/${demo.committeeId}/bilateral-meetings`, demo.chair.token, {
        country,
        counterpart: `DISR ${classification}`,
        date,
        classification,
      });
      await ok('POST', `/api/bilateral-meetings/${meeting.id}/commitments`, demo.chair.token, {
        side: 'theirs',
        text: `Commitment ${classification}`,
      });
    }
    const summary = await ok<{ engagements: Array<{ counterpart: string }>; openCommitments: Array<{ text: string }> }>(
      'GET',
      `/api/committees/${demo.committeeId}/countries/au`,
      demo.member.token,
    );
    expect(summary.engagements.map((meeting) => meeting.counterpart)).toContain('DISR OPEN');
    expect(JSON.stringify(summary)).not.toContain('SECRET');
    expect(summary.openCommitments.some((commitment) => commitment.text === 'Commitment OPEN')).toBe(true);
    const chairSummary = await ok<{ engagements: unknown[] }>('GET', `/api/committees/${demo.committeeId}/countries/AU`, demo.chair.token);
    expect(JSON.stringify(chairSummary)).toContain('DISR SECRET');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `country=AU&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<{ id: string; date: string }> = await ok(
        'GET',
        `/api/committees/${demo.committeeId}/bilateral-meetings?${query}`,
        demo.chair.token,
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = await ok<Page<{ id: string }>>(
      'GET',
      `/api/committees/${demo.committeeId}/bilateral-meetings?country=AU`,
      demo.chair.token,
    );
    expect(seen).toEqual(all.items.map((item) => item.id));
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);

    const stages = await ok<Array<{ code: string; segment: string }>>('GET', '/api/value-chain-stages', demo.observer.token);
    expect(stages.map((stage) => stage.code)).toEqual(expect.arrayContaining(['mining', 'separation', 'magnets', 'recycling']));
  });

  it('should answer random bodies on every register write with a 2xx or a 4xx, never a 5xx', async () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string(),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double(),
      fc.constant(null),
      fc.constantFrom('2025-02-30', '0000-01-01', '99999-01-01', 'SECRET', 'secret', 'MY', 'zz', '', 'a'.repeat(400), 'separation'),
    );
    const keys = [
      'title',
      'country',
      'counterpart',
      'level',
      'date',
      'place',
      'objectives',
      'kind',
      'status',
      'redLines',
      'fieldClassifications',
      'classification',
      'side',
      'text',
      'dueDate',
      'number',
      'startsOn',
      'endsOn',
      'trlNow',
      'trlTarget',
      'partners',
      'fundingRm',
      'valueChainStage',
      'plannedOn',
      'actualOn',
      'signedOn',
      'expiresOn',
      'bilateralMeetingId',
      'version',
    ];
    const body = fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }), fc.jsonValue({ maxDepth: 2 }));
    const targets: Array<[string, string]> = [];
    for (const register of REGISTERS) {
      const { path, body: valid } = await register.collection('OPEN');
      const created = await ok<{ id: string }>('POST', path, demo.chair.token, valid);
      targets.push(['POST', path], ['PATCH', `/api/${register.own}/${created.id}`]);
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), body, async ([method, path], sent) => {
        const result = await demo.app.request<{ statusCode?: number; message?: string }>(method, path, demo.chair.token, sent);
        expect({ method, path, sent, status: result.status < 500 }).toEqual({ method, path, sent, status: true });
        if (result.status >= 400)
          expect(result.body).toEqual(expect.objectContaining({ statusCode: result.status, message: expect.any(String) }));
      }),
      { seed: 20_261_129, numRuns: 150 },
    );
  });

  it('should refuse invalid input with a 400 that names the field', async () => {
    const names = async (method: string, path: string, body: unknown, field: string) => {
      const result = await demo.app.request<{ message: string; issues: Array<{ field: string }> }>(method, path, demo.chair.token, body);
      expect([result.status, result.body.issues?.map((issue) => issue.field)]).toEqual([400, expect.arrayContaining([field])]);
    };
    await names('POST', `/api/committees/${demo.committeeId}/rnd-projects`, { title: 'Backwards', trlNow: 6, trlTarget: 4 }, 'trlTarget');
    await names('POST', `/api/committees/${demo.committeeId}/rnd-projects`, { title: 'Too ready', trlNow: 10 }, 'trlNow');
    await names(
      'POST',
      `/api/committees/${demo.committeeId}/rnd-projects`,
      { title: 'Nowhere', trlNow: 2, valueChainStage: 'alchemy' },
      'valueChainStage',
    );
    const project = await ok<RndProject>('POST', `/api/committees/${demo.committeeId}/rnd-projects`, demo.chair.token, {
      title: 'Patch me',
      trlNow: 4,
      trlTarget: 6,
    });
    await names('PATCH', `/api/rnd-projects/${project.id}`, { version: 1, trlTarget: 3 }, 'trlTarget');
    await names(
      'POST',
      `/api/committees/${demo.committeeId}/bilateral-meetings`,
      { country: 'Japan', counterpart: 'JICA', date: '2026-01-01' },
      'country',
    );
    await names('POST', `/api/committees/${demo.committeeId}/bilateral-meetings`, { country: 'JP', counterpart: 'JICA' }, 'date');
    await names('POST', `/api/committees/${demo.committeeId}/negotiations`, { title: 'Odd', kind: 'treaty' }, 'kind');
    await names(
      'POST',
      `/api/committees/${demo.committeeId}/agreements`,
      { title: 'Backdated', country: 'US', signedOn: '2026-05-01', expiresOn: '2026-04-01' },
      'expiresOn',
    );
    const agreement = await ok<{ id: string }>('POST', `/api/committees/${demo.committeeId}/agreements`, demo.chair.token, {
      title: 'Dated',
      country: 'US',
      signedOn: '2026-05-01',
    });
    await names('PATCH', `/api/agreements/${agreement.id}`, { version: 1, expiresOn: '2026-01-01' }, 'expiresOn');
    const negotiation = await ok<{ id: string }>('POST', `/api/committees/${demo.committeeId}/negotiations`, demo.chair.token, {
      title: 'Rounds',
    });
    await names('POST', `/api/negotiations/${negotiation.id}/rounds`, { startsOn: '2026-05-04', endsOn: '2026-05-01' }, 'endsOn');
    const round = await ok<{ id: string }>('POST', `/api/negotiations/${negotiation.id}/rounds`, demo.chair.token, {
      startsOn: '2026-05-04',
    });
    await names('PATCH', `/api/negotiation-rounds/${round.id}`, { version: 1, endsOn: '2026-05-01' }, 'endsOn');
    await names('POST', `/api/committees/${demo.committeeId}/negotiations`, { title: 'Extra', secret: true }, 'secret');
    await names('GET', `/api/committees/${demo.committeeId}/negotiations?colour=red`, undefined, 'colour');
    await names('GET', `/api/committees/${demo.committeeId}/rnd-projects?limit=501`, undefined, 'limit');
    await names('GET', `/api/committees/${demo.committeeId}/bilateral-meetings?cursor=not-a-cursor`, undefined, 'cursor');
    for (const forged of [
      ['2026-01-01', '------------------------------------'],
      ['a\u0000b', '00000000-0000-4000-8000-000000000000'],
      [1, 2],
    ]) {
      const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
      await names('GET', `/api/committees/${demo.committeeId}/rnd-projects?cursor=${cursor}`, undefined, 'cursor');
    }
    await names('GET', `/api/committees/${demo.committeeId}/rnd-projects/export?format=pdf`, undefined, 'format');
    await names('POST', '/api/links', { fromId: project.id, toId: project.id }, 'toId');
    const missing = await demo.app.request<{ message: string }>('POST', '/api/links', demo.chair.token, {
      fromId: project.id,
      toId: '00000000-0000-4000-8000-000000000000',
    });
    expect([missing.status, missing.body.message]).toEqual([404, 'toId: record not found']);
  });
});
