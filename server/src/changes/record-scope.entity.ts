import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current classification level of every record that governs visibility. Catch-up reads
 * it so that old events of a record since raised above a user's clearance are not replayed.
 */
@Entity({ name: 'record_scopes' })
export class RecordScopeEntity {
  @PrimaryColumn({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'smallint' })
  level: number;
}
