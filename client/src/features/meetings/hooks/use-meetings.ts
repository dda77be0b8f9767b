import type { AgendaItem, CreateAgendaItem, CreateMeeting, UpdateAgendaItem, UpdateMeeting } from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { type MeetingListWhen, queryKeys } from '../../../lib/query-keys.ts';
import { removeRecord, upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { isVersionedRecord } from '../../../lib/realtime/entity-registry.ts';
import { type LiveMeeting, meetingsApi } from '../api/meetings-api.ts';

export function useMeetings(committeeId: string | undefined, when: MeetingListWhen) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.meetingList(committeeId ?? '', when),
    queryFn: () => meetingsApi.list(api, committeeId ?? '', when),
    enabled: Boolean(committeeId),
  });
}

export function useMeeting(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.meeting(id ?? ''),
    queryFn: () => meetingsApi.get(api, id ?? ''),
    enabled: Boolean(id),
  });
}

export function useAgenda(meetingId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.agendaItems(meetingId ?? ''),
    queryFn: () => meetingsApi.agenda(api, meetingId ?? ''),
    enabled: Boolean(meetingId),
  });
}

export function useCreateMeeting(committeeId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMeeting) => meetingsApi.create(api, committeeId, body),
    onSuccess: (meeting) => {
      upsertRecord(queryClient, 'meeting', meeting);
      // The standard agenda was created with it; its events may still be on their way.
      void queryClient.invalidateQueries({ queryKey: queryKeys.agendaItems(meeting.id) });
    },
  });
}

/** A 409's stored record, when the server sent one. */
function currentOf(error: unknown): { id: string; version: number } | undefined {
  if (!isApiError(error, 409)) return undefined;
  const current = error.body.current;
  return isVersionedRecord(current) ? current : undefined;
}

export function useUpdateMeeting(meeting: Pick<LiveMeeting, 'id'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeeting) => meetingsApi.update(api, meeting.id, body),
    onSuccess: (updated) => {
      upsertRecord(queryClient, 'meeting', updated);
    },
    onError: (error) => {
      // Stale: show what is stored now, the user decides again.
      const current = currentOf(error);
      if (current) upsertRecord(queryClient, 'meeting', current);
    },
  });
}

export function useSetCurrentItem(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agendaItemId: string | null) => meetingsApi.setCurrentItem(api, meetingId, agendaItemId),
    onSuccess: (meeting) => {
      upsertRecord(queryClient, 'meeting', meeting);
    },
  });
}

export function useCreateAgendaItem(meetingId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAgendaItem) => meetingsApi.createItem(api, meetingId, body),
    onSuccess: (item) => {
      upsertRecord(queryClient, 'agenda-item', item);
      // Items after it were renumbered: their events follow, the agenda is read again to be sure.
      void queryClient.invalidateQueries({ queryKey: queryKeys.agendaItems(meetingId) });
    },
  });
}

export function useUpdateAgendaItem(item: Pick<AgendaItem, 'id'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAgendaItem) => meetingsApi.updateItem(api, item.id, body),
    onSuccess: (updated) => {
      upsertRecord(queryClient, 'agenda-item', updated);
    },
    onError: (error) => {
      const current = currentOf(error);
      if (current) upsertRecord(queryClient, 'agenda-item', current);
    },
  });
}

export function useRemoveAgendaItem(item: Pick<AgendaItem, 'id' | 'committeeId' | 'meetingId'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => meetingsApi.removeItem(api, item.id, version),
    onSuccess: (_result, version) => {
      removeRecord(queryClient, 'agenda-item', item.committeeId, item.id, 'deleted', version + 1);
      void queryClient.invalidateQueries({ queryKey: queryKeys.agendaItems(item.meetingId) });
    },
  });
}

export interface MoveRequest {
  item: Pick<AgendaItem, 'id' | 'version' | 'meetingId'>;
  parentId: string | null;
  position: number;
}

/**
 * Moves an agenda item where the user dropped it; the server decides the order. A stale
 * version (someone else moved something first) is retried once at the stored version; a
 * second refusal is left to the caller to say. Nothing is reordered on screen before the
 * server answers: the response and the `moved` events give every screen the same order.
 */
export function useMoveAgendaItem() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, parentId, position }: MoveRequest) => {
      try {
        return await meetingsApi.moveItem(api, item.id, { version: item.version, parentId, position });
      } catch (error) {
        const current = currentOf(error);
        if (!current) throw error;
        upsertRecord(queryClient, 'agenda-item', current);
        return await meetingsApi.moveItem(api, item.id, { version: current.version, parentId, position });
      }
    },
    onSuccess: (moved, { item }) => {
      upsertRecord(queryClient, 'agenda-item', moved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.agendaItems(item.meetingId) });
    },
    onError: (_error, { item }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.agendaItems(item.meetingId) });
    },
  });
}
