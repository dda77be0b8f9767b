import type { SearchableType } from '@sidang/shared';

/** Which fields of a record's wire shape the search index holds. */
export interface SearchFields {
  /** Shown as the result's title, weighted highest, and matched by similarity (typos, prefixes). */
  title: readonly string[];
  /** Further text matched by words; the snippet is cut from these. */
  text: readonly string[];
}

/**
 * The search registry: record type → indexed fields. A new record type adds one line (and its
 * name to SEARCHABLE_TYPES in shared/); its changes are then indexed by the change pipeline,
 * and records written before it are indexed once at the next start (search-index.ts).
 */
export const SEARCH_FIELDS: Record<SearchableType, SearchFields> = {
  'action-item': { title: ['title'], text: ['description', 'ownerAgencies'] },
  'progress-update': { title: ['body'], text: ['authorName'] },
  meeting: { title: ['title'], text: ['number', 'venue'] },
  'agenda-item': { title: ['title'], text: ['presenter'] },
  decision: { title: ['text'], text: [] },
  'bilateral-meeting': { title: ['counterpart'], text: ['place', 'ourDelegation', 'objectives', 'outcomes'] },
  'bilateral-commitment': { title: ['text'], text: [] },
  agreement: { title: ['title'], text: [] },
  negotiation: { title: ['title'], text: ['counterpart', 'position', 'redLines', 'fallback', 'concessions'] },
  'negotiation-round': { title: ['venue'], text: ['outcome', 'nextSteps'] },
  'rnd-project': { title: ['title'], text: ['leadInstitution', 'partners', 'notes'] },
  'rnd-milestone': { title: ['title'], text: ['gateCriteria'] },
  document: { title: ['title'], text: ['fileName'] },
  // `text` in events is the text when the section last changed; the live document refreshes it
  // (refreshDocText, debounced after edits).
  'minutes-section': { title: ['title'], text: ['text'] },
};

export function searchFieldsOf(entityType: string): SearchFields | undefined {
  return Object.hasOwn(SEARCH_FIELDS, entityType) ? SEARCH_FIELDS[entityType as SearchableType] : undefined;
}

/**
 * A fingerprint of the registry. Stored after a full re-index: when a line is added or changed,
 * the next start re-indexes what the pipeline logged before (search-index.ts).
 */
export function searchRegistryFingerprint(): string {
  // The second part names the extra (unlogged) text the re-index reads from records' tables.
  return JSON.stringify([Object.entries(SEARCH_FIELDS).sort(([a], [b]) => a.localeCompare(b)), ['document.text']]);
}
