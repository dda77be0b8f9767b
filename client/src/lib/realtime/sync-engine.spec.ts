import { describe, expect, it } from '@jest/globals';
import type { CatchUpPage, EventEnvelope } from '@sidang/shared';
import { CommitteeSync } from './sync-engine.ts';

const committeeId = '6f1c2b1e-3c1d-4b8a-9f00-000000000001';

function envelope(seq: number, version = 1): EventEnvelope {
  return {
    seq,
    committeeId,
    type: 'action-item.updated',
    entityId: '6f1c2b1e-3c1d-4b8a-9f00-0000000000aa',
    version,
    actorId: '6f1c2b1e-3c1d-4b8a-9f00-0000000000bb',
    at: '2025-06-01T00:00:00.000Z',
    data: { seq },
  } as unknown as EventEnvelope;
}

function page(events: EventEnvelope[], hasMore: boolean, nextAfter: number): CatchUpPage {
  return { events, hasMore, nextAfter, latestSeq: nextAfter };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(CommitteeSync.name, () => {
  it('should start from the ack seq on first subscribe and reset the baseline', async () => {
    const applied: number[] = [];
    let resets = 0;
    const sync = new CommitteeSync({
      apply: (e) => applied.push(e.seq),
      fetchPage: () => Promise.reject(new Error('no catch-up expected')),
      resetBaseline: () => {
        resets += 1;
      },
    });
    sync.beginCatchUp();
    await sync.catchUp(7);
    expect(sync.getLastSeq()).toBe(7);
    expect(resets).toBe(1);
    expect(sync.getPhase()).toBe('live');
    sync.receive(envelope(7));
    sync.receive(envelope(8));
    expect(applied).toEqual([8]);
  });

  it('should drop envelopes whose seq is not greater than lastSeq', async () => {
    const applied: number[] = [];
    const sync = new CommitteeSync({ apply: (e) => applied.push(e.seq), fetchPage: async () => page([], false, 5) }, 5);
    await sync.catchUp(5);
    sync.receive(envelope(4));
    sync.receive(envelope(5));
    sync.receive(envelope(6));
    sync.receive(envelope(6));
    expect(applied).toEqual([6]);
    expect(sync.getLastSeq()).toBe(6);
  });

  it('should not lose an envelope overtaken by a later one: the gap is filled from the log, in order', async () => {
    const applied: number[] = [];
    const asked: number[] = [];
    const gapPage = deferred<CatchUpPage>();
    const sync = new CommitteeSync(
      {
        apply: (e) => applied.push(e.seq),
        fetchPage: (after) => {
          asked.push(after);
          return after === 5 && asked.length === 1 ? Promise.resolve(page([], false, 5)) : gapPage.promise;
        },
      },
      5,
    );
    await sync.catchUp(5);
    sync.receive(envelope(6));
    sync.receive(envelope(8));
    sync.receive(envelope(7));
    sync.receive(envelope(8));
    expect(applied).toEqual([6]);
    expect(asked).toEqual([5, 6]);
    gapPage.resolve(page([envelope(7), envelope(8)], false, 8));
    await settle();
    expect(applied).toEqual([6, 7, 8]);
    expect(sync.getPhase()).toBe('live');
    sync.receive(envelope(9));
    expect(applied).toEqual([6, 7, 8, 9]);
  });

  it('should go on past a gap the log confirms (an event the user may not see)', async () => {
    const applied: number[] = [];
    const sync = new CommitteeSync(
      { apply: (e) => applied.push(e.seq), fetchPage: async (after) => page([], false, after === 0 ? 3 : 10) },
      3,
    );
    await sync.catchUp(3);
    sync.receive(envelope(4));
    sync.receive(envelope(10));
    await settle();
    expect(applied).toEqual([4, 10]);
    expect(sync.getLastSeq()).toBe(10);
  });

  it('should report a gap it could not fill, and apply nothing past it', async () => {
    const applied: number[] = [];
    const failures: unknown[] = [];
    let calls = 0;
    const sync = new CommitteeSync(
      {
        apply: (e) => applied.push(e.seq),
        fetchPage: () => {
          calls += 1;
          return calls === 1 ? Promise.resolve(page([], false, 2)) : Promise.reject(new TypeError('offline'));
        },
        onGapFillFailed: (error) => failures.push(error),
      },
      2,
    );
    await sync.catchUp(2);
    sync.receive(envelope(4));
    await settle();
    expect(applied).toEqual([]);
    expect(failures).toHaveLength(1);
  });

  it('should apply nothing more for a committee the server refused', async () => {
    const applied: number[] = [];
    const sync = new CommitteeSync({ apply: (e) => applied.push(e.seq), fetchPage: async () => page([], false, 1) }, 1);
    sync.beginCatchUp();
    sync.receive(envelope(2));
    sync.deny();
    sync.receive(envelope(3));
    expect(sync.getPhase()).toBe('no-access');
    expect(applied).toEqual([]);
  });

  it('should fetch every catch-up page from lastSeq, in order, before going live', async () => {
    const applied: number[] = [];
    const asked: number[] = [];
    const pages = new Map<number, CatchUpPage>([
      [3, page([envelope(4), envelope(5)], true, 5)],
      [5, page([envelope(6)], false, 6)],
    ]);
    const sync = new CommitteeSync(
      {
        apply: (e) => applied.push(e.seq),
        fetchPage: async (after) => {
          asked.push(after);
          const found = pages.get(after);
          if (!found) throw new Error(`unexpected page after ${after}`);
          return found;
        },
      },
      3,
    );
    sync.beginCatchUp();
    expect(sync.getPhase()).toBe('catching-up');
    await sync.catchUp(6);
    expect(asked).toEqual([3, 5]);
    expect(applied).toEqual([4, 5, 6]);
    expect(sync.getPhase()).toBe('live');
  });

  it('should buffer socket events during catch-up and apply them once, in order, afterwards', async () => {
    const applied: number[] = [];
    const firstPage = deferred<CatchUpPage>();
    const sync = new CommitteeSync({ apply: (e) => applied.push(e.seq), fetchPage: () => firstPage.promise }, 10);
    sync.beginCatchUp();
    const done = sync.catchUp(12);
    // Arrive over the socket while the page is in flight: out of order, one duplicated,
    // one also present in the catch-up page.
    sync.receive(envelope(14));
    sync.receive(envelope(12));
    sync.receive(envelope(13));
    sync.receive(envelope(14));
    expect(applied).toEqual([]);
    firstPage.resolve(page([envelope(11), envelope(12)], false, 12));
    await done;
    expect(applied).toEqual([11, 12, 13, 14]);
    expect(sync.getLastSeq()).toBe(14);
  });

  it('should ignore the pages of a catch-up superseded by a reconnect', async () => {
    const applied: number[] = [];
    const stale = deferred<CatchUpPage>();
    let calls = 0;
    const sync = new CommitteeSync(
      {
        apply: (e) => applied.push(e.seq),
        fetchPage: () => {
          calls += 1;
          return calls === 1 ? stale.promise : Promise.resolve(page([envelope(2)], false, 2));
        },
      },
      1,
    );
    sync.beginCatchUp();
    const first = sync.catchUp(2);
    sync.pause();
    sync.beginCatchUp();
    await expect(sync.catchUp(2)).resolves.toBe(true);
    stale.resolve(page([envelope(2)], false, 2));
    await expect(first).resolves.toBe(false);
    expect(applied).toEqual([2]);
  });

  it('should stop paging when the server does not advance', async () => {
    const sync = new CommitteeSync({ apply: () => undefined, fetchPage: async () => page([], true, 4) }, 4);
    await expect(sync.catchUp(4)).resolves.toBe(true);
    expect(sync.getPhase()).toBe('live');
  });

  it('should start afresh when the server log is behind the client (a replaced store)', async () => {
    const applied: number[] = [];
    let resets = 0;
    const sync = new CommitteeSync(
      {
        apply: (e) => applied.push(e.seq),
        fetchPage: () => Promise.reject(new Error('no catch-up expected')),
        resetBaseline: () => {
          resets += 1;
        },
      },
      40,
    );
    sync.beginCatchUp();
    sync.receive(envelope(6));
    expect(await sync.catchUp(5)).toBe(true);
    expect(resets).toBe(1);
    expect(sync.getLastSeq()).toBe(6);
    expect(applied).toEqual([6]);
  });
});
