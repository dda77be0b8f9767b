import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When comments on circulated minutes close (set by the circulation, cleared back in draft). */
export class MinutesCommentsDue1796626389967 implements MigrationInterface {
  name = 'MinutesCommentsDue1796626389967';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "minutes" ADD "comments_due_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "minutes" DROP COLUMN "comments_due_at"`);
  }
}
