import type { CommentThread, Minutes, MinutesComment, MinutesRecord, MinutesSection } from '@sidang/shared';
import { type QueryClient, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiRequestError } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { minutesKeys } from '../../../lib/minutes-keys.ts';
import { upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { compareSectionNumbers } from '../../../lib/section-order.ts';
import { type MinutesBody, minutesApi } from '../api/minutes-api.ts';
import { forgetMinutesNotListed } from '../collab/device-docs.ts';
import { flushOpenDocs } from '../collab/open-docs.ts';

/** The minutes record as the `minutes.*` events carry it: without text and sections. */
export function recordOf(minutes: Minutes | MinutesRecord): MinutesRecord {
  const { text: _text, sections: _sections, ...record } = minutes as Minutes;
  return record;
}

/**
 * Puts a fetched copy of the minutes into the live caches: the record where none is newer, the
 * sections as the server listed them (a newer one already cached stays).
 */
export function seedMinutes(queryClient: QueryClient, minutes: Minutes): void {
  const recordKey = minutesKeys.record(minutes.meetingId);
  const cached = queryClient.getQueryData<MinutesRecord>(recordKey);
  if (!cached || cached.version < minutes.version) queryClient.setQueryData(recordKey, recordOf(minutes));
  const sectionsKey = minutesKeys.sections(minutes.id);
  const cachedSections = new Map((queryClient.getQueryData<MinutesSection[]>(sectionsKey) ?? []).map((s) => [s.id, s]));
  const sections = minutes.sections.map((section) => {
    const other = cachedSections.get(section.id);
    return other && other.version > section.version ? other : section;
  });
  queryClient.setQueryData(sectionsKey, [...sections].sort(compareSectionNumbers));
}

/** The minutes of a meeting, kept live: the record (status), the sections, the full copy. */
export function useMinutes(meetingId: string | undefined) {
  const api = useApi();
  const queryClient = useQueryClient();
  const full = useQuery({
    queryKey: minutesKeys.full(meetingId ?? ''),
    queryFn: async () => {
      const minutes = await minutesApi.forMeeting(api, meetingId ?? '').catch((error: unknown) => {
        // Refused (or gone): no copy of its sections stays on the device.
        if (error instanceof ApiRequestError && error.status === 404) {
          void forgetMinutesNotListed(authStore.getUserId(), meetingId ?? '', []).catch(() => undefined);
        }
        throw error;
      });
      seedMinutes(queryClient, minutes);
      // Sections the server no longer lists for this user (raised above them): their copies go.
      void forgetMinutesNotListed(authStore.getUserId(), minutes.meetingId, minutes.sections).catch(() => undefined);
      return minutes;
    },
    enabled: Boolean(meetingId),
  });
  // A copy restored from the device (offline) fills the live caches too.
  useEffect(() => {
    if (full.data) seedMinutes(queryClient, full.data);
  }, [full.data, queryClient]);
  const record = useQuery<MinutesRecord>({ queryKey: minutesKeys.record(meetingId ?? ''), queryFn: skipToken });
  const sections = useQuery<MinutesSection[]>({ queryKey: minutesKeys.sections(full.data?.id ?? ''), queryFn: skipToken });
  const current = record.data && full.data && record.data.version >= full.data.version ? record.data : full.data && recordOf(full.data);
  return {
    full,
    record: current,
    sections: sections.data ?? (full.data ? [...full.data.sections].sort(compareSectionNumbers) : undefined),
  };
}

export function useTransitionMinutes(record: Pick<MinutesRecord, 'id' | 'meetingId'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MinutesBody<'transition'>) => {
      // Everything this screen shows goes to the server (acknowledged) before the step is asked for.
      await flushOpenDocs();
      return minutesApi.transition(api, record.id, body);
    },
    onSuccess: (result) => {
      upsertRecord(queryClient, 'minutes', recordOf(result));
      void queryClient.invalidateQueries({ queryKey: minutesKeys.versions(record.id) });
    },
    onError: () => {
      // A stale version: read the minutes again, the screen shows where they stand now.
      void queryClient.invalidateQueries({ queryKey: minutesKeys.full(record.meetingId) });
    },
  });
}

export function useUpdateSection(sectionId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MinutesBody<'updateSection'>) => minutesApi.updateSection(api, sectionId, body),
    onSuccess: (section) => {
      upsertRecord(queryClient, 'minutes-section', section);
    },
  });
}

/** Every comment of the minutes, flat (threads and their replies); the panel groups them. */
export function flattenThreads(threads: readonly CommentThread[]): MinutesComment[] {
  return threads.flatMap(({ replies, ...thread }) => [thread, ...replies]);
}

export function useComments(minutesId: string | undefined, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: minutesKeys.comments(minutesId ?? ''),
    queryFn: async () => flattenThreads(await minutesApi.comments(api, minutesId ?? '')),
    enabled: Boolean(minutesId) && enabled,
  });
}

export function useCreateComment(minutesId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MinutesBody<'comment'>) => minutesApi.comment(api, minutesId, body),
    onSuccess: (comment) => {
      upsertRecord(queryClient, 'minutes-comment', comment);
    },
  });
}

export function useResolveComment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ comment, resolved }: { comment: MinutesComment; resolved: boolean }) =>
      minutesApi.updateComment(api, comment.id, { version: comment.version, resolved }),
    onSuccess: (comment) => {
      upsertRecord(queryClient, 'minutes-comment', comment);
    },
  });
}

export function useVersions(minutesId: string | undefined, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: minutesKeys.versions(minutesId ?? ''),
    queryFn: () => minutesApi.versions(api, minutesId ?? ''),
    enabled: Boolean(minutesId) && enabled,
  });
}

export function useVersion(minutesId: string | undefined, n: number | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: minutesKeys.version(minutesId ?? '', n ?? 0),
    queryFn: () => minutesApi.version(api, minutesId ?? '', n ?? 0),
    enabled: Boolean(minutesId) && n !== undefined,
    staleTime: Number.POSITIVE_INFINITY, // a version never changes
  });
}
