import type { CatchUpPage } from '@sidang/shared';
import { applyEnvelope, invalidateCommittee } from './cache-apply.ts';
import type { AccessNotice, RealtimeOptions, RealtimeSocket } from './realtime-client.ts';
import { subscribe } from './realtime-connection.ts';
import { CommitteeSync } from './sync-engine.ts';

/** One `CommitteeSync` per committee, applying to the caches and remembering the last seq applied. */
export function createCommitteeSyncs(
  options: Pick<RealtimeOptions, 'committeeIds' | 'api' | 'queryClient' | 'onApply'>,
  lastSeqs: Map<string, number>,
  /** The log could not be read to fill a gap: the next round of catch-up does it. */
  onGapFillFailed: () => void,
): Map<string, CommitteeSync> {
  const { api, queryClient } = options;
  return new Map(
    options.committeeIds.map((committeeId) => [
      committeeId,
      new CommitteeSync(
        {
          apply: (envelope) => {
            applyEnvelope(queryClient, envelope);
            lastSeqs.set(committeeId, envelope.seq);
            options.onApply?.(envelope);
          },
          fetchPage: (after) => api.get<CatchUpPage>(`/api/committees/${encodeURIComponent(committeeId)}/events`, { after, limit: 500 }),
          resetBaseline: () => invalidateCommittee(queryClient, committeeId),
          onGapFillFailed,
        },
        lastSeqs.get(committeeId) ?? null,
      ),
    ]),
  );
}

export interface CatchUpContext {
  socket: RealtimeSocket;
  lastSeqs: Map<string, number>;
  setCommitteeState: (committeeId: string, state: 'catching-up' | 'live') => void;
  dropCommittee: (committeeId: string, notice: AccessNotice) => void;
}

/**
 * One committee's part of a round of catch-up: subscribe, then read the log from the last seq
 * applied up to the one the server acknowledged. Resolves true once the committee is live (or
 * refused: nothing more will come for it); throws when the round must be tried again.
 */
export async function catchUpCommittee(committeeId: string, sync: CommitteeSync, context: CatchUpContext): Promise<boolean> {
  sync.beginCatchUp();
  context.setCommitteeState(committeeId, 'catching-up');
  const ack = await subscribe(context.socket, committeeId);
  if (!ack.ok && ack.code !== 'not-member') throw new Error(ack.error); // passing: the round is tried again
  if (!ack.ok) {
    // Not (or no longer) a member: nothing will arrive for it, and nothing of it may stay.
    context.dropCommittee(committeeId, { reason: 'subscribe-refused', committeeId });
    return true;
  }
  const done = await sync.catchUp(ack.seq);
  const seq = sync.getLastSeq();
  if (seq !== null) context.lastSeqs.set(committeeId, seq);
  if (done) context.setCommitteeState(committeeId, 'live');
  return done;
}
