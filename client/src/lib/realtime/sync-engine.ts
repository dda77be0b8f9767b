import type { CatchUpPage, EventEnvelope } from '@sidang/shared';

export type SyncPhase = 'idle' | 'catching-up' | 'live';

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
}

/**
 * The sequence rules of one committee's event stream:
 * - `lastSeq` is the newest seq applied; an envelope with `seq ≤ lastSeq` is never applied again;
 * - while catching up (after every (re)connect) socket envelopes are buffered, then applied
 *   once, in seq order, after the catch-up pages;
 * - a new catch-up supersedes one still running (its late pages are ignored).
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

  /** An envelope from the socket. */
  receive(envelope: EventEnvelope): void {
    if (this.phase !== 'live') {
      // Kept whatever its seq: the ack may yet move the baseline; applyOnce drops what is old.
      this.buffer.set(envelope.seq, envelope);
      return;
    }
    this.applyOnce(envelope);
  }

  /**
   * After the subscribe ack: fetch every page after `lastSeq`, apply them in order, then the
   * buffered socket envelopes, and only then go live. Returns false if superseded meanwhile.
   */
  async catchUp(ackSeq: number): Promise<boolean> {
    if (this.phase !== 'catching-up') this.beginCatchUp();
    const generation = this.generation;
    // No baseline yet, or a log behind ours (the server's store was replaced): start afresh.
    if (this.lastSeq === null || ackSeq < this.lastSeq) {
      this.lastSeq = ackSeq;
      for (const seq of this.buffer.keys()) if (seq <= ackSeq) this.buffer.delete(seq);
      this.deps.resetBaseline?.();
    } else {
      let after = this.lastSeq;
      for (;;) {
        const page = await this.deps.fetchPage(after);
        if (generation !== this.generation) return false;
        for (const envelope of [...page.events].sort((a, b) => a.seq - b.seq)) this.applyOnce(envelope);
        if (!page.hasMore) break;
        // A server that does not advance would loop forever; the rest arrives live or next time.
        if (page.nextAfter <= after) break;
        after = page.nextAfter;
      }
    }
    const buffered = [...this.buffer.values()].sort((a, b) => a.seq - b.seq);
    this.buffer.clear();
    for (const envelope of buffered) this.applyOnce(envelope);
    this.phase = 'live';
    return true;
  }

  private applyOnce(envelope: EventEnvelope): boolean {
    if (this.lastSeq !== null && envelope.seq <= this.lastSeq) return false;
    this.deps.apply(envelope);
    this.lastSeq = envelope.seq;
    return true;
  }
}
