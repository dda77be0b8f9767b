import type { Annotation, CreateAnnotation, UpdateAnnotation } from '@sidang/shared';
import type { ApiClient } from '../../../../lib/api/api-client.ts';

const enc = encodeURIComponent;

/** Notes on the pages of a paper: one's own (private or shared) and the shared notes of others. */
export const annotationsApi = {
  list: (api: ApiClient, documentId: string) => api.get<Annotation[]>(`/api/documents/${enc(documentId)}/annotations`),
  create: (api: ApiClient, documentId: string, body: CreateAnnotation) =>
    api.post<Annotation>(`/api/documents/${enc(documentId)}/annotations`, body),
  update: (api: ApiClient, id: string, body: UpdateAnnotation) => api.patch<Annotation>(`/api/annotations/${enc(id)}`, body),
  remove: (api: ApiClient, id: string, version: number) => api.delete(`/api/annotations/${enc(id)}`, { version }),
};

/** The notes of one page in reading order. */
export function notesOfPage(notes: readonly Annotation[], page: number): Annotation[] {
  return notes.filter((note) => note.page === page).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A list with `note` in it (replaced by id when newer), in page order. */
export function withNote(notes: readonly Annotation[] | undefined, note: Annotation): Annotation[] {
  const others = (notes ?? []).filter((other) => other.id !== note.id);
  const current = (notes ?? []).find((other) => other.id === note.id);
  const kept = current && current.version > note.version ? current : note;
  return [...others, kept].sort((a, b) => a.page - b.page || a.createdAt.localeCompare(b.createdAt));
}
