import type { Classification } from '@sidang/shared';
import { Column, CreateDateColumn, DeleteDateColumn, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns versioned tables repeat, as abstract bases the entities extend (concrete table
 * inheritance: every table keeps its own copy of the columns; the schema comes from the
 * migrations alone). TypeORM cannot override an inherited column, so a table whose column
 * differs (a `version` with a default, a `created_at` the server sets) declares it itself and
 * extends the base below it:
 *
 *     TimestampedEntity            created_at, updated_at (set by the database)
 *     ├─ VersionedEntity           + version
 *     └─ CommitteeRowEntity        + id (generated uuid), committee_id
 *        └─ CommitteeRecordEntity  + classification, version
 *           └─ SoftDeletedRecordEntity + deleted_at
 *     ServerStampedRecordEntity    id, committee_id, classification, version, created_at,
 *                                  updated_at, all set by the server
 */
export abstract class TimestampedEntity {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A row written with compare-and-set on `version` (set by the change pipeline, no default). */
export abstract class VersionedEntity extends TimestampedEntity {
  @Column({ type: 'int' })
  version: number;
}

/** A row of one committee, with its own uuid. */
export abstract class CommitteeRowEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;
}

/** A record of one committee at one level, written with compare-and-set on `version` (no default). */
export abstract class CommitteeRecordEntity extends CommitteeRowEntity {
  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int' })
  version: number;
}

/** A committee record whose deletion keeps the row (`deleted_at`), hidden from every read. */
export abstract class SoftDeletedRecordEntity extends CommitteeRecordEntity {
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

/**
 * A committee record whose id and times the server sets, with no column defaults (its times
 * keep millisecond precision: list cursors carry them).
 */
export abstract class ServerStampedRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 16 })
  classification: Classification;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
