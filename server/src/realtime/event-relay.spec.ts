import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@sidang/shared';
import type { Server } from 'socket.io';
import { ChangeBus } from '../changes/change-bus.js';
import { ChangeEventEntity } from '../changes/change-event.entity.js';
import { loadConfig } from '../config/config.js';
import type { ChangeLogRepository } from './change-log.repository.js';
import { EventRelay } from './event-relay.js';

const committeeId = '11111111-1111-4111-8111-111111111111';

function event(seq: number, level = 0, previousLevel: number | null = null, overrides: Partial<ChangeEventEntity> = {}): ChangeEventEntity {
  return Object.assign(new ChangeEventEntity(), {
    committeeId,
    seq,
    entityType: 'action-item',
    verb: 'updated',
    entityId: '22222222-2222-4222-8222-222222222222',
    scopeId: '22222222-2222-4222-8222-222222222222',
    version: seq,
    actorId: '33333333-3333-4333-8333-333333333333',
    level,
    previousLevel,
    data: { seq },
    at: new Date(0),
    ...overrides,
  });
}

/** The committed log as a list, and a socket.io server that records what it was asked to emit. */
function setUp() {
  const committed: ChangeEventEntity[] = [];
  /** Current governing level by seq, for events whose record's ancestor was raised after they were committed. */
  const current = new Map<number, number>();
  let reads = 0;
  let headReads = 0;
  const log = {
    after: async (_committee: string, after: number, limit: number) => {
      reads += 1;
      // Read back from the log with where each record stands now (`current`, else as logged).
      return committed
        .filter((e) => e.seq > after)
        .slice(0, limit)
        .map((e) => Object.assign(e, { currentLevel: current.get(e.seq) ?? e.level, currentFieldLevels: null }));
    },
    heads: async (ids: string[]) => {
      headReads += 1;
      return new Map(ids.map((id) => [id, committed.at(-1)?.seq ?? 0]));
    },
  } as unknown as ChangeLogRepository;
  const emitted: Array<{ rooms: string[]; envelope: EventEnvelope }> = [];
  const server = {
    local: {
      to: (rooms: string[]) => ({ emit: (_name: string, envelope: EventEnvelope) => emitted.push({ rooms, envelope }) }),
    },
  } as unknown as Server;
  const bus = new ChangeBus();
  const relay = new EventRelay(bus, log, loadConfig({ RELAY_SWEEP_MS: '600000' }));
  relay.attach(server);
  relay.onModuleInit();
  const commit = (...events: ChangeEventEntity[]) => {
    committed.push(...events);
    bus.publish({ committeeId, seq: events.at(-1)?.seq ?? 0, events });
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { relay, commit, committed, current, emitted, settle, reads: () => reads, headReads: () => headReads };
}

describe(EventRelay.name, () => {
  it('should emit its own contiguous commits at once, without reading the log', async () => {
    const { relay, commit, emitted, reads, settle } = setUp();
    relay.track(committeeId, 0);
    await settle();
    const before = reads();
    commit(event(1));
    commit(event(2));
    expect(emitted.map((e) => e.envelope.seq)).toEqual([1, 2]);
    expect(reads()).toBe(before);
    relay.onModuleDestroy();
  });

  it('should read the log when a commit does not continue its cursor (another node wrote between)', async () => {
    const { relay, commit, committed, emitted, settle } = setUp();
    relay.track(committeeId, 0);
    await settle();
    committed.push(event(1)); // committed on another node; its signal has not arrived
    commit(event(2));
    await settle();
    expect(emitted.map((e) => e.envelope.seq)).toEqual([1, 2]);
    relay.notify(committeeId); // the late signal for seq 1
    await settle();
    expect(emitted.map((e) => e.envelope.seq)).toEqual([1, 2]);
    relay.onModuleDestroy();
  });

  it('should address each event to the clearances that may see it, and tell those losing sight', async () => {
    const { relay, commit, emitted, settle } = setUp();
    relay.track(committeeId, 0);
    await settle();
    commit(event(1, 2)); // CONFIDENTIAL
    commit(event(2, 3, 0)); // raised from OPEN to SECRET
    expect(emitted.map((e) => [e.envelope.type, e.rooms.map((room) => room.split(':')[2])])).toEqual([
      ['action-item.updated', ['CONFIDENTIAL', 'SECRET']],
      ['action-item.updated', ['SECRET']],
      ['action-item.hidden', ['OPEN', 'RESTRICTED', 'CONFIDENTIAL']],
    ]);
    expect(emitted[2]?.envelope.data).toEqual({ id: emitted[2]?.envelope.entityId });
    relay.onModuleDestroy();
  });

  it("should send a queued event only to the clearances at its record's current governing level", async () => {
    const { relay, commit, committed, current, emitted, settle } = setUp();
    relay.track(committeeId, 0);
    await settle();
    // Committed OPEN on another node; its meeting was raised to SECRET before this node read it.
    committed.push(event(1, 0));
    current.set(1, 3);
    commit(event(2, 1));
    await settle();
    expect(emitted.map((e) => [e.envelope.seq, e.rooms.map((room) => room.split(':')[2])])).toEqual([
      [1, ['SECRET']],
      [2, ['RESTRICTED', 'CONFIDENTIAL', 'SECRET']],
    ]);
    relay.onModuleDestroy();
  });

  it('should ignore committees no socket of this node subscribed to', async () => {
    const { commit, emitted } = setUp();
    commit(event(1));
    expect(emitted).toEqual([]);
  });

  it('should give each clearance its own projection of a record with field levels', async () => {
    const { relay, commit, emitted, settle } = setUp();
    relay.track(committeeId, 0);
    await settle();
    const data = { id: 'x', title: 'Track', redLines: 'MARKER-RL', fieldClassifications: { redLines: 'SECRET' } };
    commit(event(1, 1, null, { data }));
    const byRoom = emitted.map((e) => [e.rooms.map((room) => room.split(':')[2]), e.envelope.data]);
    expect(byRoom).toEqual([
      [
        ['RESTRICTED', 'CONFIDENTIAL'],
        { id: 'x', title: 'Track', fieldClassifications: { redLines: 'SECRET' }, redactedFields: ['redLines'] },
      ],
      [['SECRET'], data],
    ]);
    relay.onModuleDestroy();
  });

  it('should keep one cursor per committee however often it is subscribed, and drop it with the last subscriber', async () => {
    const { relay, commit, emitted, settle, headReads } = setUp();
    for (let i = 0; i < 50; i++) relay.track(committeeId, 0);
    expect(relay.cursorCount).toBe(1);
    await settle();
    for (let i = 0; i < 49; i++) relay.release(committeeId);
    commit(event(1));
    expect(emitted).toHaveLength(1);
    relay.release(committeeId);
    expect(relay.cursorCount).toBe(0);
    commit(event(2));
    expect(emitted).toHaveLength(1);
    expect(headReads()).toBe(0);
    relay.onModuleDestroy();
  });

  it('should re-scope a member before relaying anything committed after the change of their access', async () => {
    const { relay, commit, emitted, settle } = setUp();
    const order: string[] = [];
    const server = {
      local: { to: () => ({ emit: (_n: string, envelope: EventEnvelope) => order.push(`emit ${envelope.seq}`) }) },
    } as unknown as Server;
    relay.attach(server, async (_committee, userId) => {
      await settle();
      order.push(`rescope ${userId}`);
    });
    relay.track(committeeId, 0);
    await settle();
    const userId = '44444444-4444-4444-8444-444444444444';
    commit(event(1, 0, null, { entityType: 'member', verb: 'deleted', entityId: userId }), event(2, 2));
    commit(event(3, 2));
    await settle();
    await settle();
    expect(order).toEqual(['emit 1', `rescope ${userId}`, 'emit 2', 'emit 3']);
    expect(emitted).toEqual([]);
    relay.onModuleDestroy();
  });
});
