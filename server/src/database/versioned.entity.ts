import type { Classification } from '@sidang/shared';
import { Column, CreateDateColumn, DeleteDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns versioned tables repeat, as abstract bases the entities extend (concrete table
 * inheritance: every table keeps its own copy of the columns; the schema comes from the
 * migrations alone). TypeORM cannot override an inherited column, so a table whose column
 * differs (a `version` with a default, a `created_at` the server sets) declares it itself and
 * extends the base below it.
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

/** A record of one committee at one level, with its own uuid. */
export abstract class CommitteeRecordEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 16 })
  classification: Classification;
}

/** A committee record whose deletion keeps the row (`deleted_at`), hidden from every read. */
export abstract class SoftDeletedRecordEntity extends CommitteeRecordEntity {
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
