import type { SearchableType, SearchResult } from '@sidang/shared';

/**
 * The page a search result opens, per record type: one line per type (the compiler asks for a
 * line when a type joins SEARCHABLE_TYPES). `ancestorIds` are the governing records, nearest
 * first (a decision → its agenda item → its meeting).
 */
export const RESULT_ROUTES: Record<SearchableType, (result: SearchResult) => string> = {
  'action-item': (r) => `/c/${r.committeeId}/actions/${r.id}`,
  'progress-update': (r) => `/c/${r.committeeId}/actions/${r.ancestorIds[0] ?? ''}`,
  meeting: (r) => `/c/${r.committeeId}/meetings/${r.id}`,
  'agenda-item': (r) => `/c/${r.committeeId}/meetings/${r.ancestorIds[0] ?? ''}`,
  decision: (r) => `/c/${r.committeeId}/meetings/${r.ancestorIds.at(-1) ?? ''}`,
  'bilateral-meeting': (r) => `/c/${r.committeeId}/registers/bilateral/${r.id}`,
  'bilateral-commitment': (r) => `/c/${r.committeeId}/registers/bilateral/${r.ancestorIds[0] ?? ''}`,
  agreement: (r) => `/c/${r.committeeId}/registers/bilateral`,
  negotiation: (r) => `/c/${r.committeeId}/registers/negotiations/${r.id}`,
  'negotiation-round': (r) => `/c/${r.committeeId}/registers/negotiations/${r.ancestorIds[0] ?? ''}`,
  'rnd-project': (r) => `/c/${r.committeeId}/registers/rnd/${r.id}`,
  'rnd-milestone': (r) => `/c/${r.committeeId}/registers/rnd/${r.ancestorIds[0] ?? ''}`,
  document: (r) => `/c/${r.committeeId}/meetings/${r.ancestorIds.at(-1) ?? ''}`,
  'minutes-section': (r) => `/c/${r.committeeId}/meetings/${r.ancestorIds.at(-1) ?? ''}/minutes`,
};

export function resultPath(result: SearchResult): string {
  return RESULT_ROUTES[result.type](result);
}
