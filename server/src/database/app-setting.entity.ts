import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value settings shared by every instance (e.g. the generated token secret). */
@Entity({ name: 'app_settings' })
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
