import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A secret ballot can be changed by whoever holds its receipt: the choice row keeps the SHA-256 of
 * the receipt answered to its caster alone (unique, nullable for choices cast before), and still
 * nothing that leads to the voter.
 */
export class SecretBallotReceipts1796700800000 implements MigrationInterface {
  name = 'SecretBallotReceipts1796700800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "vote_choices" ADD "receipt_hash" text`);
    await runner.query(`CREATE UNIQUE INDEX "vote_choices_receipt_hash_idx" ON "vote_choices" ("receipt_hash")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "vote_choices_receipt_hash_idx"`);
    await runner.query(`ALTER TABLE "vote_choices" DROP COLUMN "receipt_hash"`);
  }
}
