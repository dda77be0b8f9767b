import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from '../access/user.entity.js';

/**
 * A row that belongs to one user (`user_id`) and goes with them (ON DELETE CASCADE): their
 * sessions and second factors. A table whose `user_id` is its primary key declares that column
 * itself and extends this base; the others extend `UserRowEntity`.
 */
export abstract class UserOwnedEntity {
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}

/** A row of one user's with its own id (declared by the table: generated or set by the server). */
export abstract class UserRowEntity extends UserOwnedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;
}
