import type {
  Agreement,
  BilateralCommitment,
  CreateAgreement,
  CreateBilateralCommitment,
  CreateNegotiationRound,
  CreateRndMilestone,
  EntityType,
  NegotiationRound,
  RndMilestone,
  UpdateAgreement,
  UpdateBilateralCommitment,
  UpdateRndMilestone,
} from '@sidang/shared';
import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { registerKeys } from '../../../lib/query-keys.ts';
import { type RemovedMarker, removeRecord, upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { removedKey, type VersionedRecord } from '../../../lib/realtime/entity-registry.ts';
import { registersApi } from '../api/registers-api.ts';

function useList<T>(key: QueryKey, enabled: boolean, fetch: () => Promise<T[]>) {
  return useQuery({ queryKey: key, queryFn: fetch, enabled });
}

export function useCommitments(bilateralMeetingId: string) {
  const api = useApi();
  return useList(registerKeys.commitments(bilateralMeetingId), Boolean(bilateralMeetingId), () =>
    registersApi.commitments(api, bilateralMeetingId),
  );
}
export function useAgreements(committeeId: string) {
  const api = useApi();
  return useList(registerKeys.agreementLists(committeeId), Boolean(committeeId), () => registersApi.agreements(api, committeeId));
}
/** A partner country's open commitments (the country page reads the rest from the register lists). */
export function useCountryCommitments(committeeId: string, country: string) {
  const api = useApi();
  return useList(registerKeys.countryCommitments(committeeId, country), Boolean(committeeId && country), async () => {
    const summary = await registersApi.country(api, committeeId, country);
    return summary.openCommitments;
  });
}
export function useRounds(negotiationId: string) {
  const api = useApi();
  return useList(registerKeys.rounds(negotiationId), Boolean(negotiationId), () => registersApi.rounds(api, negotiationId));
}
export function useMilestones(rndProjectId: string) {
  const api = useApi();
  return useList(registerKeys.milestones(rndProjectId), Boolean(rndProjectId), () => registersApi.milestones(api, rndProjectId));
}
/** The value-chain stages are data (they rarely change): read once per session. */
export function useValueChainStages() {
  const api = useApi();
  return useQuery({ queryKey: registerKeys.valueChainStages, queryFn: () => registersApi.valueChainStages(api), staleTime: 60 * 60_000 });
}

/** Set by realtime when a record was deleted or hidden while on screen. */
export function useRemoved(type: EntityType, id: string): RemovedMarker | undefined {
  const { data } = useQuery<RemovedMarker | null>({ queryKey: removedKey(type, id), queryFn: () => null, enabled: false });
  return data ?? undefined;
}

/** A write whose answer goes into every cache that holds the record (as a live event would). */
export function useWrite<A, R extends VersionedRecord>(type: EntityType, write: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (record: R) => {
      upsertRecord(queryClient, type, record);
    },
  });
}

export function useRemove(type: EntityType, record: { id: string; committeeId: string }, remove: (version: number) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: remove,
    onSuccess: (_result, version) => {
      removeRecord(queryClient, type, record.committeeId, record.id, 'deleted', version);
    },
  });
}

export function useCreateCommitment(bilateralMeetingId: string) {
  const api = useApi();
  return useWrite<CreateBilateralCommitment, BilateralCommitment>('bilateral-commitment', (body) =>
    registersApi.createCommitment(api, bilateralMeetingId, body),
  );
}
export function useUpdateCommitment() {
  const api = useApi();
  return useWrite<{ id: string; body: UpdateBilateralCommitment }, BilateralCommitment>('bilateral-commitment', ({ id, body }) =>
    registersApi.updateCommitment(api, id, body),
  );
}
export function useCreateAgreement(committeeId: string) {
  const api = useApi();
  return useWrite<CreateAgreement, Agreement>('agreement', (body) => registersApi.createAgreement(api, committeeId, body));
}
export function useUpdateAgreement() {
  const api = useApi();
  return useWrite<{ id: string; body: UpdateAgreement }, Agreement>('agreement', ({ id, body }) =>
    registersApi.updateAgreement(api, id, body),
  );
}
export function useCreateRound(negotiationId: string) {
  const api = useApi();
  return useWrite<CreateNegotiationRound, NegotiationRound>('negotiation-round', (body) =>
    registersApi.createRound(api, negotiationId, body),
  );
}
export function useCreateMilestone(rndProjectId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRndMilestone) => registersApi.createMilestone(api, rndProjectId, body),
    onSuccess: (milestone: RndMilestone) => {
      upsertRecord(queryClient, 'rnd-milestone', milestone);
      // The project's slippage is the server's to compute from its milestones.
      void queryClient.invalidateQueries({ queryKey: registerKeys.rnd(rndProjectId) });
      void queryClient.invalidateQueries({ queryKey: registerKeys.rndLists(milestone.committeeId) });
    },
  });
}
export function useUpdateMilestone(rndProjectId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRndMilestone }) => registersApi.updateMilestone(api, id, body),
    onSuccess: (milestone: RndMilestone) => {
      upsertRecord(queryClient, 'rnd-milestone', milestone);
      void queryClient.invalidateQueries({ queryKey: registerKeys.rnd(rndProjectId) });
      void queryClient.invalidateQueries({ queryKey: registerKeys.rndLists(milestone.committeeId) });
    },
  });
}
