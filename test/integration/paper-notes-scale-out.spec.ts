import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgendaItem, DocumentRecord } from '@sidang/shared';
import { aMeeting, anAnnotation, aPdf } from './support/factories.js';
import { type Session, TestApp, until } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A private note reaches its author's screens on every instance, and no one else's. */
describe('private notes across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let chair: Session;
  let member: Session;
  let committeeId: string;

  beforeAll(async () => {
    // A sweep far longer than the test: only the Redis signal can deliver in time.
    first = await TestApp.start({ REDIS_URL, RELAY_SWEEP_MS: '600000' });
    second = await first.startPeer({ SEED_DEMO: 'false' });
    chair = await first.login('chair');
    member = await first.login('member');
    committeeId = (await first.committees(chair.token)).main.id;
  }, 90_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("should push a private note written on one instance to its author's socket on the other, and to nobody else", async () => {
    const meeting = await aMeeting(first, chair, { id: committeeId }, { startsAt: '2034-09-10T09:30:00+08:00', status: 'scheduled' });
    const item = await first.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, chair.token, { title: 'Kertas' });
    const form = new FormData();
    form.append('parentId', item.body.id);
    form.append('file', new Blob([new Uint8Array(aPdf())]), 'kertas.pdf');
    const uploaded = await fetch(`${first.url}/api/committees/${committeeId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair.token}` },
      body: form,
    });
    const paper = (await uploaded.json()) as DocumentRecord;

    const mine = await second.connect(member.token);
    const chairs = await second.connect(chair.token);
    expect((await chairs.subscribe(committeeId)).ok).toBe(true);
    const pushed: { own: unknown[]; removed: unknown[]; chair: unknown[] } = { own: [], removed: [], chair: [] };
    mine.socket.on('annotation', (note: unknown) => pushed.own.push(note));
    mine.socket.on('annotation:removed', (removed: unknown) => pushed.removed.push(removed));
    chairs.socket.on('annotation', (note: unknown) => pushed.chair.push(note));
    chairs.socket.on('annotation:removed', (removed: unknown) => pushed.chair.push(removed));

    const note = await anAnnotation(first, member, paper, { text: 'Nota peribadi dua nod' });
    await until(() => pushed.own.length > 0 || undefined, 'the private note on the other instance', 3_000);
    expect(pushed.own).toEqual([expect.objectContaining({ id: note.id, text: 'Nota peribadi dua nod', visibility: 'private' })]);
    expect((await first.request('DELETE', `/api/annotations/${note.id}?version=1`, member.token)).status).toBe(204);
    await until(() => pushed.removed.length > 0 || undefined, 'the removal on the other instance', 3_000);
    expect(pushed.removed).toEqual([{ id: note.id }]);

    // A shared note afterwards reaches the chair's socket there: the private one would have arrived before it.
    const shared = await anAnnotation(first, chair, paper, { text: 'Nota kongsi', visibility: 'shared' });
    await chairs.waitForEntity(shared.id, 'annotation.created', 3_000);
    await chairs.delivered();
    expect(pushed.chair).toEqual([]);
    expect(JSON.stringify(chairs.events)).not.toContain('Nota peribadi');
    mine.disconnect();
    chairs.disconnect();
  });
});
