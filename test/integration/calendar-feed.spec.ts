import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AdminUser, CalendarFeed, Classification, Meeting } from '@sidang/shared';
import ICAL from 'ical.js';
import { aCommittee, aMembership, aUser, type TestUser, unique } from './support/factories.js';
import { TestApp } from './support/harness.js';

const LEVELS: Classification[] = ['OPEN', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];

interface Feed {
  status: number;
  headers: Headers;
  text: string;
  /** Summaries of the feed's events. */
  summaries: string[];
  calendar?: ICAL.Component;
}

/** Fetches a feed with no bearer token (the token in the URL is the credential) and parses it with ical.js. */
async function readFeed(url: string): Promise<Feed> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, headers: response.headers, text, summaries: [] };
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const summaries = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).summary);
  return { status: response.status, headers: response.headers, text, summaries, calendar };
}

describe('per-user calendar feed', () => {
  let app: TestApp;
  let admin: TestUser;
  let chair: TestUser;
  /** A member of the committee at each clearance. */
  const readers = new Map<Classification, TestUser>();
  let outsider: TestUser;
  let committee: { id: string; code: string };
  /** Meeting title markers by classification. */
  const markers = new Map<Classification, string>();
  const meetings = new Map<Classification, Meeting>();
  let otherMarker: string;

  const feedUrl = async (user: { token: string }): Promise<string> => {
    const result = await app.request<CalendarFeed>('GET', '/api/me/calendar-feed', user.token);
    expect(result.status).toBe(200);
    return result.body.url;
  };

  beforeAll(async () => {
    app = await TestApp.start({ SEED_DEMO: 'false' });
    admin = await aUser(app, { isAdmin: true });
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, committee, chair, 'chair');
    for (const level of LEVELS) {
      const reader = await aUser(app, { clearance: level });
      await aMembership(app, committee, reader);
      readers.set(level, reader);
    }
    for (const [index, level] of LEVELS.entries()) {
      const marker = unique(`feed-${level.toLowerCase()}`);
      markers.set(level, marker);
      const created = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
        status: 'scheduled',
        title: marker,
        startsAt: `2031-0${index + 3}-10T09:30:00+08:00`,
        classification: level,
        standardAgenda: false,
      });
      expect(created.status).toBe(201);
      meetings.set(level, created.body);
    }
    // A committee the readers are not in, with an OPEN meeting of its own.
    const other = await aCommittee(app);
    outsider = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, other, outsider, 'chair');
    otherMarker = unique('feed-other-committee');
    const created = await app.request<Meeting>('POST', `/api/committees/${other.id}/meetings`, outsider.token, {
      status: 'scheduled',
      title: otherMarker,
      startsAt: '2031-03-11T09:30:00+08:00',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    // Seven sign-ins (password hashing) on a loaded machine.
  }, 180_000);

  afterAll(async () => {
    await app.close();
  });

  it('should list, for each clearance, exactly the meetings of its committees it may see, in Kuala Lumpur time', async () => {
    for (const [rank, level] of LEVELS.entries()) {
      const reader = readers.get(level) as TestUser;
      const feed = await readFeed(await feedUrl(reader));
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(feed.headers.get('cache-control')).toMatch(/^private/);
      for (const [other, marker] of markers) {
        const allowed = LEVELS.indexOf(other) <= rank;
        // The marker is absent from the whole text, not just the summaries, for a reader below it.
        expect([level, other, feed.text.includes(marker)]).toEqual([level, other, allowed]);
      }
      // Another committee's meetings never appear.
      expect(feed.text).not.toContain(otherMarker);
    }
    // The SECRET meeting, seen by a SECRET member, is marked and in the committee's zone.
    const feed = await readFeed(await feedUrl(readers.get('SECRET') as TestUser));
    const vevent = feed.calendar
      ?.getAllSubcomponents('vevent')
      .find((candidate) => new ICAL.Event(candidate).summary.includes(markers.get('SECRET') as string));
    expect(vevent).toBeDefined();
    const event = new ICAL.Event(vevent as ICAL.Component);
    expect(event.summary).toMatch(/^\[RAHSIA\] /);
    expect(vevent?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Kuala_Lumpur');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 30]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-06-10T01:30:00.000Z');
    // The other committee's chair sees its meeting (positive control) and none of this committee's.
    const outside = await readFeed(await feedUrl(outsider));
    expect(outside.summaries.some((summary) => summary.includes(otherMarker))).toBe(true);
    for (const marker of markers.values()) expect(outside.text).not.toContain(marker);
  });

  it('should give the same URL until renewed; the old one then answers 404', async () => {
    const reader = readers.get('RESTRICTED') as TestUser;
    const first = await feedUrl(reader);
    expect(await feedUrl(reader)).toBe(first);
    expect(first).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const renewed = await app.request<CalendarFeed>('POST', '/api/me/calendar-feed/renew', reader.token);
    expect(renewed.status).toBe(200);
    expect(renewed.body.url).not.toBe(first);
    expect((await readFeed(first)).status).toBe(404);
    const current = await readFeed(renewed.body.url);
    expect(current.status).toBe(200);
    expect(current.text).toContain(markers.get('RESTRICTED'));
    expect(await feedUrl(reader)).toBe(renewed.body.url);
    // Neither feed URLs nor their renewal without a bearer token.
    expect((await app.request('GET', '/api/me/calendar-feed')).status).toBe(401);
    expect((await app.request('POST', '/api/me/calendar-feed/renew')).status).toBe(401);
    // A made-up token is simply not found.
    const made = first.replace(/[^/]+\.ics$/, `${'A'.repeat(43)}.ics`);
    expect((await readFeed(made)).status).toBe(404);
    expect((await readFeed(first.replace(/[^/]+\.ics$/, 'nonsense.ics'))).status).toBe(404);
  });

  it('should follow the current clearance and membership: a raised meeting or a left committee disappears', async () => {
    const reader = readers.get('CONFIDENTIAL') as TestUser;
    const url = await feedUrl(reader);
    const confidential = meetings.get('CONFIDENTIAL') as Meeting;
    const marker = markers.get('CONFIDENTIAL') as string;
    expect((await readFeed(url)).text).toContain(marker);

    const raised = await app.request<Meeting>('PATCH', `/api/meetings/${confidential.id}`, chair.token, {
      version: confidential.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    expect((await readFeed(url)).text).not.toContain(marker);
    // Positive control: a SECRET member still has it.
    expect((await readFeed(await feedUrl(readers.get('SECRET') as TestUser))).text).toContain(marker);

    // Lowering the reader's clearance takes the RESTRICTED meeting away too.
    const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const row = users.body.find((user) => user.id === reader.id) as AdminUser;
    const lowered = await app.request('PATCH', `/api/admin/users/${reader.id}`, admin.token, { version: row.version, clearance: 'OPEN' });
    expect(lowered.status).toBe(200);
    const afterLowering = await readFeed(url);
    expect(afterLowering.text).not.toContain(markers.get('RESTRICTED'));
    expect(afterLowering.text).toContain(markers.get('OPEN'));

    const removed = await app.request('DELETE', `/api/committees/${committee.id}/members/${reader.id}`, admin.token);
    expect(removed.status).toBe(204);
    const afterLeaving = await readFeed(url);
    expect(afterLeaving.status).toBe(200);
    expect(afterLeaving.summaries).toEqual([]);
  });

  it('should answer 404 for a deactivated account', async () => {
    const reader = readers.get('OPEN') as TestUser;
    const url = await feedUrl(reader);
    expect((await readFeed(url)).status).toBe(200);
    const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const row = users.body.find((user) => user.id === reader.id) as AdminUser;
    expect((await app.request('PATCH', `/api/admin/users/${reader.id}`, admin.token, { version: row.version, active: false })).status).toBe(
      200,
    );
    const gone = await readFeed(url);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain(markers.get('OPEN'));
  });

  it('should limit how often one address asks, with Retry-After', async () => {
    const url = await feedUrl(readers.get('SECRET') as TestUser);
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 200 && !limited; attempt += 1) {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
