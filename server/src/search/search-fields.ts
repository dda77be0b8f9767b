import { SEARCH_FIELDS, type SearchableType, type SearchFields } from '@sidang/shared';

export type { SearchFields };

/**
 * The search registry is the descriptor's `search` entries (shared/src/records/record-types.ts):
 * a record type's changes are then indexed by the change pipeline, and records written before it
 * are indexed once at the next start (search-index.ts).
 */
export { SEARCH_FIELDS };

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
