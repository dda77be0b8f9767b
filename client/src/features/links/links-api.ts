import type { LinkedRecord, RecordLink } from '@sidang/shared';
import type { ApiClient } from '../../lib/api/api-client.ts';

const enc = encodeURIComponent;

/**
 * A linked record as the cache holds it: keyed by the link's id (so a `record-link.deleted`
 * event removes it), the record at the other end under `recordId`.
 */
export type LinkEntry = Omit<LinkedRecord, 'id'> & { id: string; recordId: string };

export function toLinkEntry(linked: LinkedRecord): LinkEntry {
  return { ...linked, id: linked.linkId, recordId: linked.id };
}

export const linksApi = {
  list: async (api: ApiClient, recordId: string): Promise<LinkEntry[]> => {
    const answer = await api.get<LinkedRecord[] | { items: LinkedRecord[] }>(`/api/records/${enc(recordId)}/links`);
    return (Array.isArray(answer) ? answer : answer.items).map(toLinkEntry);
  },
  create: (api: ApiClient, fromId: string, toId: string) => api.post<RecordLink>('/api/links', { fromId, toId }),
  remove: (api: ApiClient, linkId: string) => api.delete(`/api/links/${enc(linkId)}`),
};
