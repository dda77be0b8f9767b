import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Short-lived counters every instance shares (on both stores): an mfaToken's requests and wrong
 * codes, a single sign-on hand-off already traded. Each row dies at `expires_at` and is swept.
 */
export class AuthCounters1796700500000 implements MigrationInterface {
  name = 'AuthCounters1796700500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "auth_counters" ("key" text NOT NULL, "count" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_auth_counters" PRIMARY KEY ("key"))`,
    );
    await runner.query(`CREATE INDEX "IDX_auth_counters_expires_at" ON "auth_counters" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "auth_counters"`);
  }
}
