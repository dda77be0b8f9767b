import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeedsAndQuorumRules1795935660106 implements MigrationInterface {
  name = 'CalendarFeedsAndQuorumRules1795935660106';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "calendar_feeds" ("user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "salt" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_df53b5f17d35a6bac0fb13e16ad" UNIQUE ("token_hash"), CONSTRAINT "PK_3212ce9ff23847e66347a6730d3" PRIMARY KEY ("user_id"))`);
    await runner.query(`CREATE TABLE "committee_settings" ("committee_id" uuid NOT NULL, "quorum_kind" character varying(16) NOT NULL, "quorum_count" integer, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_23f65d39597765eaca3725785d4" PRIMARY KEY ("committee_id"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "committee_settings"`);
    await runner.query(`DROP TABLE "calendar_feeds"`);
  }
}
