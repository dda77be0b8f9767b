import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, EventEnvelope, Meeting } from '@sidang/shared';
import { demoSuite } from './support/demo-suite.js';
import type { LiveClient, Session } from './support/harness.js';

/** What a screen following the event stream shows: the newest version of each visible item. */
function agendaSeenBy(events: readonly EventEnvelope[], meetingId: string): Array<[string, string]> {
  const items = new Map<string, AgendaItem>();
  for (const envelope of events) {
    if (!envelope.type.startsWith('agenda-item.')) continue;
    if (envelope.type === 'agenda-item.deleted' || envelope.type === 'agenda-item.hidden') {
      items.delete(envelope.entityId);
      continue;
    }
    const item = envelope.data as AgendaItem;
    if (item.meetingId !== meetingId) continue;
    const known = items.get(item.id);
    if (!known || known.version < item.version) items.set(item.id, item);
  }
  return sortedAgenda([...items.values()]);
}

function sortedAgenda(items: readonly AgendaItem[]): Array<[string, string]> {
  const key = (number: string) =>
    number
      .split('.')
      .map((part) => part.padStart(4, '0'))
      .join('.');
  return [...items].sort((a, b) => key(a.number).localeCompare(key(b.number))).map((item) => [item.number, item.title]);
}

describe('meetings and agendas, live', () => {
  const demo = demoSuite(['chair', 'secretariat', 'member', 'observer']);

  const createMeeting = async (body: Record<string, unknown>): Promise<Meeting> => {
    const result = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      status: 'scheduled',
      ...body,
    });
    expect(result.status).toBe(201);
    return result.body;
  };
  const agenda = async (session: Session, meetingId: string) =>
    (await demo.app.request<AgendaItem[]>('GET', `/api/meetings/${meetingId}/agenda-items`, session.token)).body;
  const subscribed = async (session: Session): Promise<LiveClient> => {
    const client = await demo.app.connect(session.token);
    expect((await client.subscribe(demo.committeeId)).ok).toBe(true);
    return client;
  };

  it('should number meetings per committee and year in date order, also when scheduled at once, and open with the standard agenda', async () => {
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map((day) => createMeeting({ title: `Mesyuarat ${day}`, startsAt: `2031-03-0${day}T09:30:00+08:00` })),
    );
    // Scheduled at once, in any order: each ends with its place in date order.
    const stored = await Promise.all(
      created.map(async (meeting) => (await demo.app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, demo.member.token)).body),
    );
    expect(stored.sort((a, b) => a.startsAt.localeCompare(b.startsAt)).map((meeting) => meeting.number)).toEqual([
      'Bil. 1/2031',
      'Bil. 2/2031',
      'Bil. 3/2031',
      'Bil. 4/2031',
      'Bil. 5/2031',
    ]);
    // New Year's Eve in Kuala Lumpur is already the next year there.
    const nextYear = await createMeeting({ title: 'Early', startsAt: '2031-12-31T16:30:00Z', standardAgenda: false });
    expect(nextYear.number).toBe('Bil. 1/2032');
    expect(nextYear.startsAt).toBe('2032-01-01T00:30:00.000+08:00');
    const items = await agenda(demo.member, created[0]?.id as string);
    // In the committee's language: Bahasa Malaysia unless its settings say English.
    expect(items.map((item) => [item.number, item.title])).toEqual([
      ['1', 'Ucapan aluan Pengerusi'],
      ['2', 'Pengesahan minit mesyuarat yang lalu'],
      ['3', 'Perkara berbangkit'],
      ['4', 'Kertas untuk pertimbangan'],
      ['5', 'Hal-hal lain'],
      ['6', 'Penutup'],
    ]);
    // A new top-level item lands before the close of the meeting.
    const added = await demo.app.request<AgendaItem>('POST', `/api/meetings/${created[0]?.id}/agenda-items`, demo.secretariat.token, {
      title: 'Kertas tambahan',
    });
    expect(added.body.number).toBe('6');
    expect((await agenda(demo.member, created[0]?.id as string)).slice(-2).map((item) => [item.number, item.title])).toEqual([
      ['6', 'Kertas tambahan'],
      ['7', 'Penutup'],
    ]);
    // In English once the committee says so.
    const settings = (await demo.app.request<{ version: number }>('GET', `/api/committees/${demo.committeeId}/settings`, demo.chair.token))
      .body;
    const english = await demo.app.request('PATCH', `/api/committees/${demo.committeeId}/settings`, demo.chair.token, {
      version: settings.version,
      agendaLanguage: 'en',
    });
    expect(english.status).toBe(200);
    const inEnglish = await createMeeting({ title: 'In English', startsAt: '2031-11-01T09:30:00+08:00' });
    expect((await agenda(demo.member, inEnglish.id)).map((item) => item.title)).toEqual([
      "Chair's opening remarks",
      'Confirmation of the minutes of the previous meeting',
      'Matters arising',
      'Papers for consideration',
      'Other business',
      'Close of meeting',
    ]);
  });

  it('should leave every screen with the server order after concurrent reorders and nesting', async () => {
    const meeting = await createMeeting({ title: 'Reorder', startsAt: '2031-04-01T09:30:00+08:00' });
    const screens = await Promise.all([subscribed(demo.member), subscribed(demo.observer), subscribed(demo.chair)]);
    const items = await agenda(demo.chair, meeting.id);
    const [first, , , papers, other, close] = items as AgendaItem[];
    const paper = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.secretariat.token, {
      title: 'Paper: Dy/Tb separation pilot',
      parentId: papers?.id,
    });
    expect(paper.body.number).toBe('4.1');
    // Two people reorder at once.
    const moves = await Promise.all([
      demo.app.request('POST', `/api/agenda-items/${close?.id}/move`, demo.chair.token, {
        version: close?.version,
        parentId: null,
        position: 0,
      }),
      demo.app.request('POST', `/api/agenda-items/${other?.id}/move`, demo.secretariat.token, {
        version: other?.version,
        parentId: null,
        position: 1,
      }),
    ]);
    for (const move of moves) expect([200, 409]).toContain(move.status);
    const server = sortedAgenda(await agenda(demo.chair, meeting.id));
    expect(server).toHaveLength(7);
    expect(new Set(server.map(([number]) => number)).size).toBe(7);
    expect(server.find(([, title]) => title === 'Paper: Dy/Tb separation pilot')?.[0]).toMatch(/^\d\.1$/);
    const lastSeq = Math.max(...(await demo.app.catchUp(demo.chair.token, demo.committeeId, 0)).events.map((e) => e.seq));
    for (const screen of screens) {
      await screen.waitFor((events) => events.some((e) => e.seq === lastSeq));
      expect(agendaSeenBy(screen.events, meeting.id)).toEqual(server);
    }
    // Two levels only.
    const current = (await agenda(demo.chair, meeting.id)).find((item) => item.id === first?.id);
    const tooDeep = await demo.app.request<{ message: string }>('POST', `/api/agenda-items/${first?.id}/move`, demo.chair.token, {
      version: current?.version,
      parentId: paper.body.id,
      position: 0,
    });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.message).toMatch(/^parentId:/);
  });

  it('should keep a SECRET agenda item from a CONFIDENTIAL member on every channel while the meeting reaches them', async () => {
    const marker = `SECRET-ITEM-${Math.random().toString(36).slice(2)}`;
    const memberScreen = await subscribed(demo.member);
    const chairScreen = await subscribed(demo.chair);
    const { nextAfter } = await demo.app.catchUp(demo.member.token, demo.committeeId, 0);
    const meeting = await createMeeting({ title: 'Open meeting', startsAt: '2031-05-01T09:30:00+08:00', standardAgenda: false });
    const secret = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, {
      title: marker,
      classification: 'SECRET',
    });
    const open = await demo.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, demo.chair.token, {
      title: 'After it',
    });
    expect(open.body.number).toBe('2');

    await chairScreen.waitFor((events) => events.some((e) => e.entityId === open.body.id));
    await memberScreen.waitFor((events) => events.some((e) => e.entityId === open.body.id));
    expect(JSON.stringify(chairScreen.events)).toContain(marker); // positive control

    const seen = {
      list: await agenda(demo.member, meeting.id),
      get: await demo.app.request('GET', `/api/agenda-items/${secret.body.id}`, demo.member.token),
      socket: memberScreen.events,
      catchUp: await demo.app.catchUp(demo.member.token, demo.committeeId, nextAfter, 2),
    };
    expect(JSON.stringify(seen)).not.toContain(marker);
    expect(seen.get.status).toBe(404);
    expect(seen.list.map((item) => [item.number, item.title])).toEqual([['2', 'After it']]);
    expect(memberScreen.events.some((e) => e.entityId === meeting.id)).toBe(true);

    // The current item: the member sees that it changed, never the title of one above them.
    await demo.app.request('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, { version: 1, status: 'scheduled' });
    const notYet = await demo.app.request<{ message: string }>('POST', `/api/meetings/${meeting.id}/current-item`, demo.chair.token, {
      agendaItemId: secret.body.id,
    });
    expect(notYet.status).toBe(400);
    expect(notYet.body.message).toMatch(/^status:/);
    await demo.app.request('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, { version: 2, status: 'in_progress' });
    const moved = await demo.app.request<Meeting>('POST', `/api/meetings/${meeting.id}/current-item`, demo.secretariat.token, {
      agendaItemId: secret.body.id,
    });
    expect(moved.status).toBe(200);
    const events = await memberScreen.waitFor((received) => received.some((e) => e.type === 'meeting.current-item-changed'));
    const change = events.find((e) => e.type === 'meeting.current-item-changed');
    // The pointer to an item above the member is withheld: they learn only that one is current.
    expect((change?.data as Meeting | undefined)?.currentAgendaItemId).toBeNull();
    expect((change?.data as Meeting | undefined)?.currentItemRestricted).toBe(true);
    expect(JSON.stringify(memberScreen.events)).not.toContain(marker);
    expect(JSON.stringify(memberScreen.events)).not.toContain(secret.body.id);
    const refused = await demo.app.request('POST', `/api/meetings/${meeting.id}/current-item`, demo.member.token, { agendaItemId: null });
    expect(refused.status).toBe(403);
    await memberScreen.delivered();
  });

  it('should hide a raised meeting with its agenda from readers below it', async () => {
    const meeting = await createMeeting({ title: 'Soon secret', startsAt: '2031-06-01T09:30:00+08:00' });
    const observerScreen = await subscribed(demo.observer);
    const raised = await demo.app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, demo.chair.token, {
      version: meeting.version,
      classification: 'CONFIDENTIAL',
    });
    expect(raised.status).toBe(200);
    await observerScreen.waitFor((events) => events.some((e) => e.type === 'meeting.hidden' && e.entityId === meeting.id));
    expect((await demo.app.request('GET', `/api/meetings/${meeting.id}`, demo.observer.token)).status).toBe(404);
    expect((await demo.app.request('GET', `/api/meetings/${meeting.id}/agenda-items`, demo.observer.token)).status).toBe(404);
    const history = await demo.app.catchUp(demo.observer.token, demo.committeeId, 0);
    expect(history.events.filter((e) => e.type.startsWith('agenda-item.') && (e.data as AgendaItem).meetingId === meeting.id)).toEqual([]);
    expect((await agenda(demo.member, meeting.id)).length).toBe(6); // positive control
  });
});
