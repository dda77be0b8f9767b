import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision may be corrected (its text replaced, when recorded) and withdrawn (kept, with the
 * reason); confirmed minutes name who proposed and seconded their confirmation and the amendments.
 */
export class DecisionsAndConfirmation1796700000000 implements MigrationInterface {
  name = 'DecisionsAndConfirmation1796700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "decisions" ADD "status" character varying(16) NOT NULL DEFAULT 'recorded'`);
    await runner.query(`ALTER TABLE "decisions" ADD "withdrawal_reason" text`);
    await runner.query(`ALTER TABLE "decisions" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "decisions" ADD "withdrawn_by_id" uuid`);
    await runner.query(`ALTER TABLE "decisions" ADD "corrected_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "minutes" ADD "proposed_by_id" uuid`);
    await runner.query(`ALTER TABLE "minutes" ADD "seconded_by_id" uuid`);
    await runner.query(`ALTER TABLE "minutes" ADD "amendments" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "minutes" DROP COLUMN "amendments"`);
    await runner.query(`ALTER TABLE "minutes" DROP COLUMN "seconded_by_id"`);
    await runner.query(`ALTER TABLE "minutes" DROP COLUMN "proposed_by_id"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "corrected_at"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "withdrawn_by_id"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "withdrawn_at"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "withdrawal_reason"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "status"`);
  }
}
