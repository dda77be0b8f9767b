import { type Classification, classificationAt, classificationLevel } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import type { CommitteeAccess } from '../access/access.service.js';
import { BelowOriginException } from '../common/errors.js';

/**
 * The highest own level along the origin chains of a derived record (an action raised from an
 * agenda item or a minutes section, a decision, a paper): each origin and every record that
 * governs it, as the pipeline recorded them in `record_scopes`. Read inside the write's
 * transaction after taking the committee's sequence row, which every change of a record's level
 * holds while it writes that level (ChangeTx.record): an origin raised concurrently has either
 * committed, and is read here, or waits until the derived record is written. Taking that one
 * row first, rather than share-locking the scope rows, keeps the lock order of every writer.
 */
export async function originLevel(
  manager: EntityManager,
  committeeId: string,
  originIds: ReadonlyArray<string | null | undefined>,
): Promise<Classification> {
  const origins = [...new Set(originIds.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()))];
  if (origins.length === 0) return 'OPEN';
  await manager.query('SELECT last_seq FROM committee_sequences WHERE committee_id = $1 FOR UPDATE', [committeeId]);
  // The one ancestor rule (`governing_level`), for origins of this committee only.
  const rows: Array<{ level: number | string | null }> = await manager.query(
    `SELECT max(governing_level(scope_id)) AS level FROM record_scopes WHERE committee_id = $1 AND scope_id = ANY($2::uuid[])`,
    [committeeId, origins],
  );
  return classificationAt(Number(rows[0]?.level ?? 0));
}

/** What a derived record is stored at, and the declassification to audit when it is below its origin. */
export interface DerivedLevel {
  classification: Classification;
  /** Set when the record is classified below its origin: the reason goes into its event and audit row. */
  declassified: { from: Classification; reason: string } | null;
}

/**
 * The one rule for a derived record's level: without a requested level it takes its origin's;
 * a level at or above the origin is taken as asked; a lower one needs a declassification reason
 * (else `400 below_origin` on `classification`) and a role that may declassify (else `403`).
 */
export function resolveDerivedLevel(
  access: CommitteeAccess,
  origin: Classification,
  requested: Classification | undefined,
  reason: string | undefined,
): DerivedLevel {
  if (!requested || classificationLevel(requested) >= classificationLevel(origin)) {
    return { classification: requested ?? origin, declassified: null };
  }
  if (!reason) throw new BelowOriginException(origin);
  access.require('record.declassify');
  return { classification: requested, declassified: { from: origin, reason } };
}

/** `originLevel` then `resolveDerivedLevel`, in the write's transaction. */
export async function derivedLevel(
  manager: EntityManager,
  access: CommitteeAccess,
  committeeId: string,
  input: { origins: ReadonlyArray<string | null | undefined>; classification?: Classification; declassificationReason?: string },
): Promise<DerivedLevel> {
  const origin = await originLevel(manager, committeeId, input.origins);
  return resolveDerivedLevel(access, origin, input.classification, input.declassificationReason);
}

/**
 * The record as its event and audit row carry it: with the declassification reason when it was
 * classified below its origin, so the trail says who lowered it and why.
 */
export function withDeclassification<T extends object>(record: T, level: DerivedLevel): T | (T & { declassificationReason: string }) {
  return level.declassified ? { ...record, declassificationReason: level.declassified.reason } : record;
}
