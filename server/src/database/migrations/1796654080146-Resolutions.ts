import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Resolutions by circulation and their answers. */
export class Resolutions1796654080146 implements MigrationInterface {
  name = 'Resolutions1796654080146';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "resolutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "title" text NOT NULL, "text" text NOT NULL, "rule" character varying(32) NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "outcome" character varying(16), "closed_by" character varying(16), "closed_at" TIMESTAMP WITH TIME ZONE, "classification" character varying(16) NOT NULL, "created_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_resolutions" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "resolutions_committee_idx" ON "resolutions" ("committee_id")`);
    await runner.query(`CREATE INDEX "resolutions_open_idx" ON "resolutions" ("closes_at") WHERE "status" = 'open'`);
    await runner.query(
      `CREATE TABLE "resolution_answers" ("resolution_id" uuid NOT NULL REFERENCES "resolutions" ("id") ON DELETE CASCADE, "user_id" uuid NOT NULL, "answer" character varying(16) NOT NULL, "comment" text, CONSTRAINT "PK_resolution_answers" PRIMARY KEY ("resolution_id", "user_id"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "resolution_answers"`);
    await runner.query(`DROP TABLE "resolutions"`);
  }
}
