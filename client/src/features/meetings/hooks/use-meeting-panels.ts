import type {
  AttendanceStatus,
  CreateDecision,
  CreateGuest,
  QuorumRule,
  UpdateCommitteeSettings,
  UpdateDecision,
  WithdrawDecision,
} from '@sidang/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/api/api-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';
import { upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { meetingsApi } from '../api/meetings-api.ts';

export function useAttendance(meetingId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.attendance(meetingId ?? ''),
    queryFn: () => meetingsApi.attendance(api, meetingId ?? ''),
    enabled: Boolean(meetingId),
  });
}

export function useMarkAttendance(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, status }: { userId: string; status: AttendanceStatus }) =>
      meetingsApi.markAttendance(api, meetingId, userId, status),
    onSuccess: (attendance) => {
      upsertRecord(queryClient, 'attendance', attendance);
    },
  });
}

/** Guests are part of the attendance: the answer brings no attendance, so it is read again (and arrives live too). */
export function useAddGuest(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateGuest) => meetingsApi.addGuest(api, meetingId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.attendance(meetingId), exact: true }),
  });
}

export function useRemoveGuest(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (guestId: string) => meetingsApi.removeGuest(api, meetingId, guestId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.attendance(meetingId), exact: true }),
  });
}

export function useDecisions(agendaItemId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.decisions(agendaItemId),
    queryFn: () => meetingsApi.decisions(api, agendaItemId),
  });
}

export function useRecordDecision(agendaItemId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDecision) => meetingsApi.recordDecision(api, agendaItemId, body),
    onSuccess: (decision) => {
      upsertRecord(queryClient, 'decision', decision);
    },
  });
}

/** A correction of a decision's text (chair, secretariat). */
export function useCorrectDecision(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDecision) => meetingsApi.correctDecision(api, id, body),
    onSuccess: (decision) => {
      upsertRecord(queryClient, 'decision', decision);
    },
  });
}

/** A withdrawal, with its reason (chair, secretariat): the decision stays, marked. */
export function useWithdrawDecision(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WithdrawDecision) => meetingsApi.withdrawDecision(api, id, body),
    onSuccess: (decision) => {
      upsertRecord(queryClient, 'decision', decision);
    },
  });
}

export function useDecisionRegister(committeeId: string, q: string) {
  const api = useApi();
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.decisionRegister(committeeId, query),
    queryFn: () => meetingsApi.decisionRegister(api, committeeId, query),
    enabled: Boolean(committeeId),
    placeholderData: keepPreviousData,
  });
}

export function useMattersArising(meetingId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.mattersArising(meetingId),
    queryFn: () => meetingsApi.mattersArising(api, meetingId),
    enabled: Boolean(meetingId),
  });
}

/** A committee's settings (its quorum rule); kept live by the entity registry. */
export const committeeSettingsKey = (committeeId: string) => ['committees', committeeId, 'settings'] as const;

export function useCommitteeSettings(committeeId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: committeeSettingsKey(committeeId ?? ''),
    queryFn: () => meetingsApi.committeeSettings(api, committeeId ?? ''),
    enabled: Boolean(committeeId),
  });
}

export function useSetQuorumRule(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, quorumRule }: { version: number; quorumRule: QuorumRule }) =>
      meetingsApi.setQuorumRule(api, committeeId, version, quorumRule),
    onSuccess: (settings) => {
      upsertRecord(queryClient, 'committee-settings', settings);
    },
    // A stale version: show the rule now in force.
    onError: () => void queryClient.invalidateQueries({ queryKey: committeeSettingsKey(committeeId), exact: true }),
  });
}

/** Any of the committee's settings (the agenda language, …), from the version it was based on. */
export function useUpdateCommitteeSettings(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCommitteeSettings) => meetingsApi.updateCommitteeSettings(api, committeeId, body),
    onSuccess: (settings) => {
      upsertRecord(queryClient, 'committee-settings', settings);
    },
    // A stale version: show the settings now in force.
    onError: () => void queryClient.invalidateQueries({ queryKey: committeeSettingsKey(committeeId), exact: true }),
  });
}

export function useSetSecretariatVotes(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, secretariatVotes }: { version: number; secretariatVotes: boolean }) =>
      meetingsApi.setSecretariatVotes(api, committeeId, version, secretariatVotes),
    onSuccess: (settings) => {
      upsertRecord(queryClient, 'committee-settings', settings);
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: committeeSettingsKey(committeeId), exact: true }),
  });
}
