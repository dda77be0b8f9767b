import type { FieldClassifications } from '@sidang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current own classification level of every record written through the pipeline, and the
 * record that governs it. Catch-up, activity and search read it so that old events of a record
 * since raised above a reader (or whose parent was raised) are not replayed to them.
 */
@Entity({ name: 'record_scopes' })
export class RecordScopeEntity {
  @PrimaryColumn({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'smallint' })
  level: number;

  /** The governing record (e.g. the action item of a progress update), if any. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** A second governing record, for a record that needs both of two others (a link's other end). */
  @Column({ name: 'co_parent_id', type: 'uuid', nullable: true })
  coParentId: string | null;

  /**
   * The record's current field levels (`fieldClassifications` of its latest state). A logged
   * event or audit row is projected through the higher of its own and these, so a field since
   * raised never replays its earlier values.
   */
  @Column({ name: 'field_levels', type: 'jsonb', nullable: true })
  fieldLevels: FieldClassifications | null;

  /** A draft of its own (a meeting not yet scheduled): it and what it governs are seen by the chair and the secretariat only. */
  @Column({ type: 'boolean', default: false })
  draft: boolean;
}
