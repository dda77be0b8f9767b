import { describe, expect, it } from '@jest/globals';
import type { AccessChanged, AgendaItem, Meeting } from '@sidang/shared';
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { io } from 'socket.io-client';
import { createApiClient } from '../../client/src/lib/api/api-client.ts';
import { queryKeys } from '../../client/src/lib/query-keys.ts';
import { installCacheGuards } from '../../client/src/lib/realtime/cache-guards.ts';
import { type ConnectionState, type RealtimeSocket, startRealtime } from '../../client/src/lib/realtime/realtime-client.ts';
import { demoSuite } from './support/demo-suite.js';

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A member of the secretariat demoted to member no longer sees drafts: the server names the
 * drafts with the `role-changed` it sends, the client's own sync engine (startRealtime into a
 * real TanStack QueryClient) drops them from its caches, and later changes to the draft reach
 * the chair only.
 */
describe('a role that loses the drafts, on a live client', () => {
  const demo = demoSuite(['chair', 'secretariat']);

  it("should drop a demoted secretariat's cached draft meeting and agenda at once, and send them nothing more of it, while the chair still gets it", async () => {
    const marker = `DRAFTROLE${Date.now()}`;
    const created = await demo.app.request<Meeting>('POST', `/api/committees/${demo.committeeId}/meetings`, demo.chair.token, {
      title: `Draft ${marker}`,
      startsAt: '2036-04-04T09:30:00+08:00',
      standardAgenda: false,
    });
    expect([created.status, created.body.status]).toEqual([201, 'draft']);
    const draft = created.body;
    const item = await demo.app.request<AgendaItem>('POST', `/api/meetings/${draft.id}/agenda-items`, demo.chair.token, {
      title: `Paper ${marker}`,
    });
    expect(item.status).toBe(201);

    // The secretariat's client: the meetings list, the draft's page and its agenda, kept live.
    const api = createApiClient({
      baseUrl: demo.app.url,
      getToken: () => demo.secretariat.token,
      fetch: (input, init) => fetch(input, init),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });
    const stopGuards = installCacheGuards(queryClient);
    const observers: Array<() => void> = [];
    const watch = (queryKey: QueryKey, path: string) => {
      const observer = new QueryObserver(queryClient, { queryKey, queryFn: () => api.get(path) });
      observers.push(observer.subscribe(() => undefined));
    };
    watch(queryKeys.meetingList(demo.committeeId, 'upcoming'), `/api/committees/${demo.committeeId}/meetings?when=upcoming`);
    watch(queryKeys.meeting(draft.id), `/api/meetings/${draft.id}`);
    watch(queryKeys.agendaItems(draft.id), `/api/meetings/${draft.id}/agenda-items`);
    const cached = () =>
      JSON.stringify(
        queryClient
          .getQueryCache()
          .getAll()
          .map((query) => query.state.data),
      );
    const real = io(demo.app.url, {
      auth: { token: demo.secretariat.token },
      transports: ['websocket'],
      autoConnect: false,
      forceNew: true,
    });
    const told: AccessChanged[] = [];
    real.on('access-changed', (change: AccessChanged) => told.push(change));
    const states: ConnectionState[] = [];
    const stop = startRealtime({
      token: demo.secretariat.token,
      committeeIds: [demo.committeeId],
      api,
      queryClient,
      onStateChange: (state) => states.push(state),
      onUnauthorized: () => undefined,
      createSocket: () => real as unknown as RealtimeSocket,
    });
    // A second socket of the demoted user, and the chair's: what each receives from now on.
    const demoted = await demo.app.connect(demo.secretariat.token);
    const chair = await demo.app.connect(demo.chair.token);
    try {
      expect((await demoted.subscribe(demo.committeeId)).ok).toBe(true);
      expect((await chair.subscribe(demo.committeeId)).ok).toBe(true);
      await waitUntil(
        'live with the draft cached',
        () => states.at(-1) === 'live' && (cached().match(new RegExp(marker, 'g')) ?? []).length >= 3,
      );

      // The chair makes the secretariat a member.
      const demotion = await demo.app.request(
        'PUT',
        `/api/committees/${demo.committeeId}/members/${demo.secretariat.user.id}`,
        demo.chair.token,
        {
          role: 'member',
        },
      );
      expect(demotion.status).toBe(200);
      await waitUntil('told of the role change', () => told.length > 0);
      expect(told[0]).toMatchObject({ reason: 'role-changed', committeeId: demo.committeeId, role: 'member' });
      expect(told[0]?.hidden).toEqual(expect.arrayContaining([draft.id, item.body.id]));
      // Out of every cache at once: the list, the page (now "no longer available") and the agenda.
      await waitUntil('the draft dropped', () => !cached().includes(marker));
      expect(
        queryClient.getQueryData<Meeting[]>(queryKeys.meetingList(demo.committeeId, 'upcoming'))?.map((m) => m.id) ?? [],
      ).not.toContain(draft.id);
      expect(queryClient.getQueryData(queryKeys.meeting(draft.id))).toBeUndefined();
      expect(queryClient.getQueryData(queryKeys.agendaItems(draft.id))).toBeUndefined();

      // Later changes to the draft: the chair gets them (positive control), the demoted user nothing.
      const later = await demo.app.request<AgendaItem>('POST', `/api/meetings/${draft.id}/agenda-items`, demo.chair.token, {
        title: `Later ${marker}`,
      });
      expect(later.status).toBe(201);
      const open = await demo.app.createItem(demo.chair.token, demo.committeeId, { title: `Open after ${marker}` });
      await chair.waitForEntity(later.body.id, 'agenda-item.created');
      await demoted.waitForEntity(open.id);
      await demoted.delivered();
      expect(demoted.events.some((event) => event.entityId === later.body.id || event.entityId === draft.id)).toBe(false);
      await waitUntil('nothing in flight', () => queryClient.isFetching() === 0);
      expect(cached()).not.toContain(`Later ${marker}`);
      expect(cached()).not.toContain(`Paper ${marker}`);
      expect((await demo.app.request('GET', `/api/meetings/${draft.id}`, demo.secretariat.token)).status).toBe(404);
    } finally {
      stop();
      stopGuards();
      for (const unsubscribe of observers) unsubscribe();
      real.disconnect();
      demoted.disconnect();
      chair.disconnect();
    }
  });
});
