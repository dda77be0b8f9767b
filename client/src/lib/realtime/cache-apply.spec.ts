import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ActionItem, EventEnvelope, Member, ProgressUpdate } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { anEnvelope, COMMITTEE_ID, makeActionItem, makeMember, makeProgressUpdate, members, uuid } from '../../test/fixtures.ts';
import { queryKeys } from '../query-keys.ts';
import { applyEnvelope, invalidateCommittee, type RemovedMarker } from './cache-apply.ts';
import { registerEntitySchemas } from './entity-schemas.ts';

beforeAll(() => registerEntitySchemas());

describe(applyEnvelope.name, () => {
  let queryClient: QueryClient;
  const unfiltered = queryKeys.actionItemList(COMMITTEE_ID, {});
  const blockedOnly = queryKeys.actionItemList(COMMITTEE_ID, { status: ['blocked'] });

  beforeEach(() => {
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });

  it('should append a created action item to the unfiltered list', () => {
    const existing = makeActionItem();
    queryClient.setQueryData(unfiltered, [existing]);
    const created = makeActionItem({ title: 'Draft the magnet plant MoU' });
    expect(applyEnvelope(queryClient, anEnvelope('action-item.created', created.id, 1, created))).toBe(true);
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)?.map((i) => i.id)).toEqual([existing.id, created.id]);
    expect(queryClient.getQueryData(queryKeys.actionItem(created.id))).toEqual(created);
  });

  it('should replace an updated action item in the list and the detail', () => {
    const item = makeActionItem({ version: 2 });
    queryClient.setQueryData(unfiltered, [item]);
    queryClient.setQueryData(queryKeys.actionItem(item.id), item);
    const updated = { ...item, status: 'blocked' as const, version: 3 };
    applyEnvelope(queryClient, anEnvelope('action-item.updated', item.id, 3, updated));
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)?.[0]?.status).toBe('blocked');
    expect(queryClient.getQueryData<ActionItem>(queryKeys.actionItem(item.id))?.version).toBe(3);
  });

  it('should drop an update whose version is not newer than the cached one', () => {
    const item = makeActionItem({ version: 3, title: 'Newest' });
    queryClient.setQueryData(unfiltered, [item]);
    queryClient.setQueryData(queryKeys.actionItem(item.id), item);
    const echo = { ...item, title: 'Same version echo' };
    const older = { ...item, title: 'Older', version: 2 };
    expect(applyEnvelope(queryClient, anEnvelope('action-item.updated', item.id, 3, echo))).toBe(false);
    expect(applyEnvelope(queryClient, anEnvelope('action-item.updated', item.id, 2, older))).toBe(false);
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)?.[0]?.title).toBe('Newest');
    expect(queryClient.getQueryData<ActionItem>(queryKeys.actionItem(item.id))?.title).toBe('Newest');
  });

  it('should invalidate filtered lists instead of guessing whether the item matches', () => {
    const item = makeActionItem();
    queryClient.setQueryData(blockedOnly, []);
    const updated = { ...item, status: 'blocked' as const, version: 2 };
    applyEnvelope(queryClient, anEnvelope('action-item.updated', item.id, 2, updated));
    expect(queryClient.getQueryState(blockedOnly)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(blockedOnly)).toEqual([]);
  });

  it.each(['deleted', 'hidden'] as const)('should remove an item that was %s from lists and detail', (verb) => {
    const item = makeActionItem({ version: 2 });
    const other = makeActionItem();
    queryClient.setQueryData(unfiltered, [item, other]);
    queryClient.setQueryData(blockedOnly, [item]);
    queryClient.setQueryData(queryKeys.actionItem(item.id), item);
    queryClient.setQueryData(queryKeys.progressUpdates(item.id), [makeProgressUpdate(item.id)]);
    applyEnvelope(queryClient, anEnvelope(`action-item.${verb}`, item.id, 3, { id: item.id }));
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)?.map((i) => i.id)).toEqual([other.id]);
    expect(queryClient.getQueryData(blockedOnly)).toEqual([]);
    expect(queryClient.getQueryData(queryKeys.actionItem(item.id))).toBeUndefined();
    expect(queryClient.getQueryData(queryKeys.progressUpdates(item.id))).toBeUndefined();
    expect(queryClient.getQueryData<RemovedMarker>(queryKeys.removedActionItem(item.id))).toEqual({ reason: verb, version: 3 });
  });

  it('should keep an item whose cached version is newer than the removal', () => {
    const item = makeActionItem({ version: 5 });
    queryClient.setQueryData(unfiltered, [item]);
    queryClient.setQueryData(queryKeys.actionItem(item.id), item);
    expect(applyEnvelope(queryClient, anEnvelope('action-item.hidden', item.id, 4, { id: item.id }))).toBe(false);
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)).toEqual([item]);
  });

  it('should append a created progress update to its thread in date order, once', () => {
    const item = makeActionItem();
    const first = makeProgressUpdate(item.id, { createdAt: '2025-06-02T00:00:00.000Z' });
    queryClient.setQueryData(queryKeys.progressUpdates(item.id), [first]);
    const second = makeProgressUpdate(item.id, { createdAt: '2025-06-03T00:00:00.000Z' });
    expect(applyEnvelope(queryClient, anEnvelope('progress-update.created', second.id, 1, second))).toBe(true);
    expect(applyEnvelope(queryClient, anEnvelope('progress-update.created', second.id, 1, second))).toBe(false);
    expect(queryClient.getQueryData<ProgressUpdate[]>(queryKeys.progressUpdates(item.id))?.map((u) => u.id)).toEqual([first.id, second.id]);
  });

  it('should remove a hidden progress update from the thread that holds it', () => {
    const item = makeActionItem();
    const update = makeProgressUpdate(item.id);
    queryClient.setQueryData(queryKeys.progressUpdates(item.id), [update]);
    applyEnvelope(queryClient, anEnvelope('progress-update.hidden', update.id, 2, { id: update.id }));
    expect(queryClient.getQueryData(queryKeys.progressUpdates(item.id))).toEqual([]);
  });

  it('should keep the committee members list live: a member added, changed, then removed', () => {
    const key = queryKeys.members(COMMITTEE_ID);
    queryClient.setQueryData(key, members);
    const userId = uuid();
    const joined = makeMember({ userId, name: 'Adviser (MOSTI)', agency: 'MOSTI', role: 'observer' });
    expect(applyEnvelope(queryClient, anEnvelope('member.created', userId, 1, joined))).toBe(true);
    expect(queryClient.getQueryData<Member[]>(key)?.map((m) => m.name)).toEqual(['Adviser (MOSTI)', 'Chair (MITI)', 'JMG officer']);

    applyEnvelope(queryClient, anEnvelope('member.updated', userId, 2, { ...joined, role: 'member', version: 2 }));
    expect(queryClient.getQueryData<Member[]>(key)?.find((m) => m.id === userId)?.role).toBe('member');
    // A late copy of the first version changes nothing.
    expect(applyEnvelope(queryClient, anEnvelope('member.updated', userId, 1, joined))).toBe(false);

    applyEnvelope(queryClient, anEnvelope('member.deleted', userId, 3, { id: userId }));
    expect(queryClient.getQueryData<Member[]>(key)?.map((m) => m.id)).toEqual(members.map((m) => m.id));
  });

  it('should not touch another committee members list', () => {
    const otherCommittee = uuid();
    queryClient.setQueryData(queryKeys.members(otherCommittee), []);
    const userId = uuid();
    const joined = makeMember({ userId, name: 'New' });
    applyEnvelope(queryClient, anEnvelope('member.created', userId, 1, joined));
    expect(queryClient.getQueryData(queryKeys.members(otherCommittee))).toEqual([]);
  });

  it('should refetch instead of patching with a record that does not match its schema', () => {
    const item = makeActionItem();
    queryClient.setQueryData(unfiltered, [item]);
    const broken = { id: item.id, version: 2, title: 42 };
    expect(applyEnvelope(queryClient, anEnvelope('action-item.updated', item.id, 2, broken))).toBe(true);
    expect(queryClient.getQueryData<ActionItem[]>(unfiltered)).toEqual([item]);
    expect(queryClient.getQueryState(unfiltered)?.isInvalidated).toBe(true);
  });

  it('should ignore record types it has no registration for', () => {
    queryClient.setQueryData(unfiltered, []);
    const unknown = {
      ...anEnvelope('action-item.created', uuid(), 1, { id: uuid(), version: 1 }),
      // A type this client has not registered (minutes now are).
      type: 'not-registered.updated',
    } as unknown as EventEnvelope;
    expect(applyEnvelope(queryClient, unknown)).toBe(false);
  });

  it('should reload a whole committee, with the empty threads of its items, when the cache may have missed changes', () => {
    const item = makeActionItem();
    const elsewhere = makeActionItem({ committeeId: uuid() });
    queryClient.setQueryData(unfiltered, [item]);
    queryClient.setQueryData(queryKeys.progressUpdates(item.id), []);
    queryClient.setQueryData(queryKeys.progressUpdates(elsewhere.id), []);
    queryClient.setQueryData(queryKeys.actionItem(elsewhere.id), elsewhere);
    invalidateCommittee(queryClient, COMMITTEE_ID);
    expect(queryClient.getQueryState(unfiltered)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.progressUpdates(item.id))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.progressUpdates(elsewhere.id))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(queryKeys.actionItem(elsewhere.id))?.isInvalidated).toBe(false);
  });
});
