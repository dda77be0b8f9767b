import type { EntityRecords, EntityType } from '@sidang/shared';
import type { QueryKey } from '@tanstack/react-query';

/**
 * The record types the client keeps live, each described once.
 *
 * Adding a record type to the client is one `registerEntity({ type, … })` call (see
 * `entities.ts`): the sync engine, the version-checked upsert and remove (`cache-apply.ts`),
 * the merge of fetched data by version (`cache-guards.ts`), access purges and offline
 * persistence all work from these descriptions and need no change.
 */

/** Every record that travels through the change pipeline has these. */
export interface VersionedRecord {
  id: string;
  version: number;
}

/** What to do with a cached list when one of its records changes. */
export type ListMode = 'patch' | 'refetch';

export interface EntityRegistration<E extends EntityType = EntityType> {
  type: E;
  /** Checks a record arriving from the socket; one that fails makes its lists refetch instead. */
  schema?: { safeParse(value: unknown): { success: boolean } };
  /** The query of one record, when the type has a page of its own. */
  detailKey?: (id: string) => QueryKey;
  /** The id its detail query is keyed by, when not the record's own `id`. Default: `id`. */
  detailIdOf?: (record: EntityRecords[E]) => string;
  /**
   * A prefix of every cached list that may hold records of this type in a committee; given a
   * record, the narrowest prefix of the lists that should hold it.
   */
  listsKey: (committeeId: string, record?: EntityRecords[E]) => QueryKey;
  /**
   * Whether a cached list is patched in place or refetched (a server-side filter decides its
   * membership). Default: patched.
   */
  listMode?: (listKey: QueryKey, record: EntityRecords[E]) => ListMode;
  /** The record it belongs to: removing the parent removes its children's caches. */
  parent?: {
    type: EntityType;
    idOf: (record: EntityRecords[E]) => string;
    /** The query holding every child of one parent. */
    childrenKey?: (parentId: string) => QueryKey;
  };
  /** Order of a patched list. */
  sort?: (a: EntityRecords[E], b: EntityRecords[E]) => number;
  /** The committee a record belongs to. Default: its `committeeId`. */
  committeeOf?: (record: EntityRecords[E]) => string | undefined;
}

/** A registration seen without its type parameter, as the generic code uses it. */
export interface AnyRegistration {
  type: EntityType;
  schema?: { safeParse(value: unknown): { success: boolean } };
  detailKey?: (id: string) => QueryKey;
  detailIdOf?: (record: VersionedRecord) => string;
  listsKey: (committeeId: string, record?: VersionedRecord) => QueryKey;
  listMode?: (listKey: QueryKey, record: VersionedRecord) => ListMode;
  parent?: { type: EntityType; idOf: (record: VersionedRecord) => string; childrenKey?: (parentId: string) => QueryKey };
  sort?: (a: VersionedRecord, b: VersionedRecord) => number;
  committeeOf?: (record: VersionedRecord) => string | undefined;
}

const registry = new Map<string, AnyRegistration>();

/** Registers (or replaces) the description of one record type. */
export function registerEntity<E extends EntityType>(registration: EntityRegistration<E>): void {
  registry.set(registration.type, registration as unknown as AnyRegistration);
}

/** What checks a record: a zod schema, as far as this code needs to know. */
export interface RecordSchema {
  safeParse(value: unknown): { success: boolean };
}

const schemas = new Map<string, RecordSchema>();

/** The schema that checks one type's live records (`entity-schemas.ts`, loaded with the socket). */
export function registerEntitySchema(type: EntityType, schema: RecordSchema): void {
  schemas.set(type, schema);
}

/** The schema of a type's live records: its registration's own, or the one registered apart. */
export function entitySchema(registration: AnyRegistration): RecordSchema | undefined {
  return registration.schema ?? schemas.get(registration.type);
}

export function entityRegistration(type: string): AnyRegistration | undefined {
  return registry.get(type);
}

export function registeredEntities(): AnyRegistration[] {
  return [...registry.values()];
}

/** Where the "removed while you looked" marker of a record is kept (session state, never persisted). */
export function removedKey(type: string, id: string): QueryKey {
  return ['removed', type, id];
}

export function isVersionedRecord(value: unknown): value is VersionedRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as VersionedRecord).id === 'string' &&
    typeof (value as VersionedRecord).version === 'number'
  );
}

export function committeeOfRecord(registration: AnyRegistration | undefined, record: VersionedRecord): string | undefined {
  if (registration?.committeeOf) return registration.committeeOf(record);
  const committeeId = (record as { committeeId?: unknown }).committeeId;
  return typeof committeeId === 'string' ? committeeId : undefined;
}

/** Which registered type's detail query this key is, and of which id. */
export function detailOfKey(key: QueryKey): { registration: AnyRegistration; id: string } | undefined {
  const id = key.at(-1);
  if (typeof id !== 'string') return undefined;
  for (const registration of registry.values()) {
    if (registration.detailKey && JSON.stringify(registration.detailKey(id)) === JSON.stringify(key)) return { registration, id };
  }
  return undefined;
}
