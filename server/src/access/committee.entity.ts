import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A committee; working groups are committees with a parent. */
@Entity({ name: 'committees' })
export class CommitteeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommitteeEntity | null;

  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'name_ms', type: 'varchar', length: 300 })
  nameMs: string;

  /** IANA zone in which due dates and "today" are read. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Asia/Kuala_Lumpur' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
