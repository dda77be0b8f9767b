import type { CatchUpPage, EventEnvelope } from '@sidang/shared';

export type SyncPhase = 'idle' | 'catching-up' | 'live' | 'no-access';

export interface CommitteeSyncDeps {
  /** Applies one envelope to the caches; called at most once per seq, in seq order. */
  apply: (envelope: EventEnvelope) => void;
  /** One page of `GET /api/committees/:id/events?after=`. */
  fetchPage: (after: number) => Promise<CatchUpPage>;
  /**
   * Called when there is no `lastSeq` yet (first subscribe): whatever the REST load
   * fetched may predate the ack, so the caches should refetch.
   */
  resetBaseline?: () => void;
  /** Filling a gap in the live stream failed (the network): the caller re-syncs later. */
  onGapFillFailed?: (error: unknown) => void;
}

/**
 * The sequence rules of one committee's event stream:
 * - `lastSeq` is the newest seq applied; an envelope with `seq ≤ lastSeq` is never applied again;
 * - while catching up (after every (re)connect) socket envelopes are buffered, then applied
 *   once, in seq order, after the catch-up pages;
 * - a new catch-up supersedes one still running (its late pages are ignored);
 * - live, an envelope past a gap (`seq > lastSeq + 1`: one overtaken, or one skipped because
 *   the user may not see it) is held and the gap is filled from the catch-up log, which says
 *   which it was; nothing is applied out of order;
 * - a committee the server refuses (`deny`) applies nothing more until the next catch-up.
 */
export class CommitteeSync {
  private lastSeq: number | null;
  private phase: SyncPhase = 'idle';
  private readonly buffer = new Map<number, EventEnvelope>();
  private generation = 0;

  constructor(
    private readonly deps: CommitteeSyncDeps,
    initialSeq: number | null = null,
  ) {
    this.lastSeq = initialSeq;
  }

  getLastSeq(): number | null {
    return this.lastSeq;
  }

  getPhase(): SyncPhase {
    return this.phase;
  }

  /** Call before emitting `subscribe`: events that beat the ack must be buffered. */
  beginCatchUp(): void {
    this.generation += 1;
    this.phase = 'catching-up';
  }

  /** The socket dropped: stop applying until the next catch-up. */
  pause(): void {
    this.generation += 1;
    this.phase = 'idle';
  }

  /** The server refused this committee (not, or no longer, a member): drop what is pending. */
  deny(): void {
    this.generation += 1;
    this.phase = 'no-access';
    this.buffer.clear();
    this.lastSeq = null;
  }

  /** An envelope from the socket. */
  receive(envelope: EventEnvelope): void {
    if (this.phase === 'no-access') return;
    if (this.phase !== 'live') {
      // Kept whatever its seq: the ack may yet move the baseline; applyOnce drops what is old.
      this.buffer.set(envelope.seq, envelope);
      return;
    }
    if (this.lastSeq !== null && envelope.seq > this.lastSeq + 1) {
      this.buffer.set(envelope.seq, envelope);
      void this.fillGap();
      return;
    }
    this.applyOnce(envelope);
  }

  /**
   * Live envelopes are held while the log is read from `lastSeq`; then they go in seq order.
   * A second read that still leaves a gap trusts the socket (the log has nothing for it).
   */
  private async fillGap(attempt = 0): Promise<void> {
    this.generation += 1;
    this.phase = 'catching-up';
    const generation = this.generation;
    let coveredTo: number | null;
    try {
      coveredTo = await this.readLog(generation);
    } catch (error) {
      if (generation === this.generation) this.deps.onGapFillFailed?.(error);
      return;
    }
    if (coveredTo === null || generation !== this.generation) return;
    const drained = this.drainBuffer(attempt > 0 ? Number.POSITIVE_INFINITY : coveredTo);
    this.phase = 'live';
    if (!drained) void this.fillGap(attempt + 1);
  }

  /** Reads every page of the log after `lastSeq`; returns the seq it is complete to, or null if superseded. */
  private async readLog(generation: number): Promise<number | null> {
    let after = this.lastSeq ?? 0;
    for (;;) {
      const page = await this.deps.fetchPage(after);
      if (generation !== this.generation) return null;
      for (const envelope of [...page.events].sort((a, b) => a.seq - b.seq)) this.applyOnce(envelope);
      if (!page.hasMore) return Math.max(page.latestSeq, page.nextAfter, this.lastSeq ?? 0);
      // A server that does not advance would loop forever; the rest arrives live or next time.
      if (page.nextAfter <= after) return this.lastSeq ?? 0;
      after = page.nextAfter;
    }
  }

  /**
   * Applies the held envelopes in seq order, up to the first one past a gap the log read did
   * not cover (`coveredTo`); that one and the rest stay held. Returns whether all went.
   */
  private drainBuffer(coveredTo: number): boolean {
    const buffered = [...this.buffer.values()].sort((a, b) => a.seq - b.seq);
    this.buffer.clear();
    for (const [index, envelope] of buffered.entries()) {
      if (this.lastSeq !== null && envelope.seq > this.lastSeq + 1 && envelope.seq > coveredTo) {
        for (const held of buffered.slice(index)) this.buffer.set(held.seq, held);
        return false;
      }
      this.applyOnce(envelope);
    }
    return true;
  }

  /**
   * After the subscribe ack: fetch every page after `lastSeq`, apply them in order, then the
   * buffered socket envelopes, and only then go live. Returns false if superseded meanwhile.
   */
  async catchUp(ackSeq: number): Promise<boolean> {
    if (this.phase !== 'catching-up') this.beginCatchUp();
    const generation = this.generation;
    // No baseline yet, or a log behind ours (the server's store was replaced): start afresh.
    let coveredTo: number;
    if (this.lastSeq === null || ackSeq < this.lastSeq) {
      this.lastSeq = ackSeq;
      coveredTo = ackSeq;
      for (const seq of this.buffer.keys()) if (seq <= ackSeq) this.buffer.delete(seq);
      this.deps.resetBaseline?.();
    } else {
      const read = await this.readLog(generation);
      if (read === null) return false;
      coveredTo = Math.max(read, ackSeq);
    }
    const drained = this.drainBuffer(coveredTo);
    this.phase = 'live';
    if (!drained) void this.fillGap();
    return true;
  }

  private applyOnce(envelope: EventEnvelope): boolean {
    if (this.lastSeq !== null && envelope.seq <= this.lastSeq) return false;
    this.deps.apply(envelope);
    this.lastSeq = envelope.seq;
    return true;
  }
}
