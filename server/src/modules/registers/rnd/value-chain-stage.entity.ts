import type { ValueChainSegment } from '@sidang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One stage of the REE value chain. The list is data, seeded by its migration: sources disagree
 * whether metal making is mid-level or downstream, so the segment of a stage can change
 * without a release.
 */
@Entity({ name: 'value_chain_stages' })
export class ValueChainStageEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ name: 'name_ms', type: 'varchar', length: 200 })
  nameMs: string;

  @Column({ type: 'varchar', length: 16 })
  segment: ValueChainSegment;

  @Column({ type: 'int' })
  position: number;
}
