import type { AttendanceStatus } from '@sidang/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
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
    mutationFn: (text: string) => meetingsApi.recordDecision(api, agendaItemId, text),
    onSuccess: (decision) => {
      upsertRecord(queryClient, 'decision', decision);
    },
  });
}

/** A value that settles `ms` after its last change (search as you type). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
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
