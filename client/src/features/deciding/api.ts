import type {
  AnswerResolution,
  CastBallotAnswer,
  CreateResolution,
  DeclareInterest,
  Interest,
  ItemQuorum,
  OpenVote,
  Resolution,
  Vote,
} from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api/api-context.tsx';
import { queryKeys } from '../../lib/query-keys.ts';
import { upsertRecord } from '../../lib/realtime/cache-apply.ts';

const enc = encodeURIComponent;

export function useMeetingVotes(meetingId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.votes(meetingId), queryFn: () => api.get<Vote[]>(`/api/meetings/${enc(meetingId)}/votes`) });
}

export function useOpenVote(agendaItemId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenVote) => api.post<Vote>(`/api/agenda-items/${enc(agendaItemId)}/votes`, body),
    onSuccess: (vote) => upsertRecord(queryClient, 'vote', vote),
  });
}

/** Where this device keeps the receipt of its secret ballot on a vote (the server keeps only its hash). */
const receiptKey = (voteId: string) => `sidang.ballotReceipt.${voteId}`;

/** The receipt this device holds for its secret ballot on the vote, if it cast it here. */
export function ballotReceipt(voteId: string): string | undefined {
  try {
    return localStorage.getItem(receiptKey(voteId)) ?? undefined;
  } catch {
    return undefined;
  }
}

function keepReceipt(voteId: string, receipt: string): void {
  try {
    localStorage.setItem(receiptKey(voteId), receipt);
  } catch {
    // Storage refused (private mode): the ballot stands, it just cannot be changed from here.
  }
}

/** Cast a ballot; a secret one is changed with the receipt this device kept from its first cast. */
export function useCastBallot(voteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: string) => {
      const receipt = ballotReceipt(voteId);
      return api.post<CastBallotAnswer>(`/api/votes/${enc(voteId)}/ballots`, receipt ? { choice, receipt } : { choice });
    },
    onSuccess: ({ receipt, ...vote }) => {
      if (receipt) keepReceipt(voteId, receipt);
      upsertRecord(queryClient, 'vote', vote);
    },
  });
}

export function useCloseVote(voteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Vote>(`/api/votes/${enc(voteId)}/close`, {}),
    onSuccess: (vote) => {
      upsertRecord(queryClient, 'vote', vote);
      void queryClient.invalidateQueries({ queryKey: queryKeys.decisions(vote.agendaItemId) });
    },
  });
}

export function useMeetingInterests(meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.interests(meetingId),
    queryFn: () => api.get<Interest[]>(`/api/meetings/${enc(meetingId)}/interests`),
  });
}

export function useItemQuorum(agendaItemId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['interests', 'quorum', agendaItemId],
    queryFn: () => api.get<ItemQuorum>(`/api/agenda-items/${enc(agendaItemId)}/quorum`),
    enabled,
  });
}

export function useDeclareInterest(subject: { agendaItemId: string } | { resolutionId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path =
    'agendaItemId' in subject
      ? `/api/agenda-items/${enc(subject.agendaItemId)}/interests`
      : `/api/resolutions/${enc(subject.resolutionId)}/interests`;
  return useMutation({
    mutationFn: (body: DeclareInterest) => api.post<Interest>(path, body),
    onSuccess: (interest) => {
      upsertRecord(queryClient, 'interest', interest);
      void queryClient.invalidateQueries({ queryKey: ['interests', 'quorum'] });
      if (interest.subjectType === 'resolution') void queryClient.invalidateQueries({ queryKey: queryKeys.resolution(interest.subjectId) });
    },
  });
}

export function useResolutions(committeeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.resolutions(committeeId),
    queryFn: () => api.get<Resolution[]>(`/api/committees/${enc(committeeId)}/resolutions`),
    enabled: Boolean(committeeId),
  });
}

export function useResolution(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.resolution(id), queryFn: () => api.get<Resolution>(`/api/resolutions/${enc(id)}`) });
}

export function useMeetingResolutions(meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.meetingResolutions(meetingId),
    queryFn: () => api.get<Resolution[]>(`/api/meetings/${enc(meetingId)}/resolutions`),
  });
}

export function useCirculate(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateResolution) => api.post<Resolution>(`/api/committees/${enc(committeeId)}/resolutions`, body),
    onSuccess: (resolution) => upsertRecord(queryClient, 'resolution', resolution),
  });
}

export function useAnswer(resolutionId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerResolution) => api.post<Resolution>(`/api/resolutions/${enc(resolutionId)}/answers`, body),
    onSuccess: (resolution) => upsertRecord(queryClient, 'resolution', resolution),
  });
}
