import type {
  Agreement,
  BilateralCommitment,
  BilateralMeeting,
  CreateAgreement,
  CreateBilateralCommitment,
  CreateBilateralMeeting,
  CreateNegotiation,
  CreateNegotiationRound,
  CreateRndMilestone,
  CreateRndProject,
  EntityType,
  Negotiation,
  NegotiationRound,
  RndMilestone,
  RndProject,
  UpdateAgreement,
  UpdateBilateralCommitment,
  UpdateBilateralMeeting,
  UpdateNegotiation,
  UpdateRndMilestone,
  UpdateRndProject,
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

export function useBilateralMeetings(committeeId: string) {
  const api = useApi();
  return useList(registerKeys.bilateralLists(committeeId), Boolean(committeeId), () => registersApi.bilateralMeetings(api, committeeId));
}
export function useBilateralMeeting(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: registerKeys.bilateral(id),
    queryFn: () => registersApi.bilateralMeeting(api, id),
    enabled: Boolean(id) && enabled,
  });
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
export function useNegotiations(committeeId: string) {
  const api = useApi();
  return useList(registerKeys.negotiationLists(committeeId), Boolean(committeeId), () => registersApi.negotiations(api, committeeId));
}
export function useNegotiation(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: registerKeys.negotiation(id),
    queryFn: () => registersApi.negotiation(api, id),
    enabled: Boolean(id) && enabled,
  });
}
export function useRounds(negotiationId: string) {
  const api = useApi();
  return useList(registerKeys.rounds(negotiationId), Boolean(negotiationId), () => registersApi.rounds(api, negotiationId));
}
export function useRndProjects(committeeId: string) {
  const api = useApi();
  return useList(registerKeys.rndLists(committeeId), Boolean(committeeId), () => registersApi.rndProjects(api, committeeId));
}
export function useRndProject(id: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: registerKeys.rnd(id), queryFn: () => registersApi.rndProject(api, id), enabled: Boolean(id) && enabled });
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
function useWrite<A, R extends VersionedRecord>(type: EntityType, write: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (record: R) => {
      upsertRecord(queryClient, type, record);
    },
  });
}

function useRemove(type: EntityType, record: { id: string; committeeId: string }, remove: (version: number) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: remove,
    onSuccess: (_result, version) => {
      removeRecord(queryClient, type, record.committeeId, record.id, 'deleted', version);
    },
  });
}

export function useCreateBilateralMeeting(committeeId: string) {
  const api = useApi();
  return useWrite<CreateBilateralMeeting, BilateralMeeting>('bilateral-meeting', (body) =>
    registersApi.createBilateralMeeting(api, committeeId, body),
  );
}
export function useUpdateBilateralMeeting(id: string) {
  const api = useApi();
  return useWrite<UpdateBilateralMeeting, BilateralMeeting>('bilateral-meeting', (body) =>
    registersApi.updateBilateralMeeting(api, id, body),
  );
}
export function useDeleteBilateralMeeting(record: { id: string; committeeId: string }) {
  const api = useApi();
  return useRemove('bilateral-meeting', record, (version) => registersApi.removeBilateralMeeting(api, record.id, version));
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
export function useCreateNegotiation(committeeId: string) {
  const api = useApi();
  return useWrite<CreateNegotiation, Negotiation>('negotiation', (body) => registersApi.createNegotiation(api, committeeId, body));
}
export function useUpdateNegotiation(id: string) {
  const api = useApi();
  return useWrite<UpdateNegotiation, Negotiation>('negotiation', (body) => registersApi.updateNegotiation(api, id, body));
}
export function useDeleteNegotiation(record: { id: string; committeeId: string }) {
  const api = useApi();
  return useRemove('negotiation', record, (version) => registersApi.removeNegotiation(api, record.id, version));
}
export function useCreateRound(negotiationId: string) {
  const api = useApi();
  return useWrite<CreateNegotiationRound, NegotiationRound>('negotiation-round', (body) =>
    registersApi.createRound(api, negotiationId, body),
  );
}
export function useCreateRndProject(committeeId: string) {
  const api = useApi();
  return useWrite<CreateRndProject, RndProject>('rnd-project', (body) => registersApi.createRndProject(api, committeeId, body));
}
export function useUpdateRndProject(id: string) {
  const api = useApi();
  return useWrite<UpdateRndProject, RndProject>('rnd-project', (body) => registersApi.updateRndProject(api, id, body));
}
export function useDeleteRndProject(record: { id: string; committeeId: string }) {
  const api = useApi();
  return useRemove('rnd-project', record, (version) => registersApi.removeRndProject(api, record.id, version));
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
