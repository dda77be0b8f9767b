import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each user's "since you were last here" starts, per committee (the home). */
export class HomeVisits1796623072597 implements MigrationInterface {
  name = 'HomeVisits1796623072597';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "home_visits" ("user_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "since_seq" bigint, "since_at" TIMESTAMP WITH TIME ZONE, "seen_seq" bigint NOT NULL, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f63d6110a03cc8f6d1e10ecc454" PRIMARY KEY ("user_id", "committee_id"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "home_visits"`);
  }
}
