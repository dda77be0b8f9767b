import type {
  CommentThread,
  CreateMinutesComment,
  Minutes,
  MinutesComment,
  MinutesRecord,
  MinutesSection,
  MinutesTransition,
  MinutesVersion,
  MinutesVersionSummary,
  UpdateMinutesComment,
  UpdateMinutesSection,
} from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { saveFile } from '../../../lib/save-file.ts';

const enc = encodeURIComponent;

export const minutesApi = {
  forMeeting: (api: ApiClient, meetingId: string) => api.get<Minutes>(`/api/meetings/${enc(meetingId)}/minutes`),
  transition: (api: ApiClient, minutesId: string, body: MinutesTransition) =>
    api.post<MinutesRecord | Minutes>(`/api/minutes/${enc(minutesId)}/transition`, body),
  updateSection: (api: ApiClient, sectionId: string, body: UpdateMinutesSection) =>
    api.patch<MinutesSection>(`/api/minutes-sections/${enc(sectionId)}`, body),
  versions: (api: ApiClient, minutesId: string) => api.get<MinutesVersionSummary[]>(`/api/minutes/${enc(minutesId)}/versions`),
  version: (api: ApiClient, minutesId: string, n: number) => api.get<MinutesVersion>(`/api/minutes/${enc(minutesId)}/versions/${n}`),
  comments: (api: ApiClient, minutesId: string) => api.get<CommentThread[]>(`/api/minutes/${enc(minutesId)}/comments`),
  comment: (api: ApiClient, minutesId: string, body: CreateMinutesComment) =>
    api.post<MinutesComment>(`/api/minutes/${enc(minutesId)}/comments`, body),
  updateComment: (api: ApiClient, commentId: string, body: UpdateMinutesComment) =>
    api.patch<MinutesComment>(`/api/minutes-comments/${enc(commentId)}`, body),
};

/** What a call of the minutes API sends: the hooks type their mutations by it, not by a second list of schemas. */
export type MinutesBody<K extends 'transition' | 'updateSection' | 'comment' | 'updateComment'> = Parameters<(typeof minutesApi)[K]>[2];

/** The PDF as the server renders it (binary: not through the JSON client). */
export async function downloadMinutesPdf(minutesId: string, fileName: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const token = authStore.getToken();
  const response = await fetchImpl(`/api/minutes/${enc(minutesId)}/pdf`, {
    headers: token ? { Authorization: `Bearer ${token}`, Accept: 'application/pdf' } : { Accept: 'application/pdf' },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  saveFile(await response.blob(), fileName);
}
