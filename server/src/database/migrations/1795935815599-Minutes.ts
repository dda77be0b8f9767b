import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Minutes1795935815599 implements MigrationInterface {
  name = 'Minutes1795935815599';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "confirmation" character varying(24), "confirmed_at_meeting_id" uuid, "published_version" integer, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "minutes_meeting_idx" ON "minutes"  ("meeting_id") `);
    await runner.query(`CREATE TABLE "minutes_sections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "action_line" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d153b89f5b446420fac43cab76c" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "minutes_sections_item_idx" ON "minutes_sections"  ("minutes_id", "agenda_item_id") `);
    await runner.query(`CREATE TABLE "minutes_doc_updates" ("id" BIGSERIAL NOT NULL, "doc_id" uuid NOT NULL, "update" bytea NOT NULL, CONSTRAINT "PK_b5dc1035dd0301c323f6baeb541" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "minutes_doc_updates_doc_idx" ON "minutes_doc_updates"  ("doc_id", "id") `);
    await runner.query(`CREATE TABLE "minutes_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "number" integer NOT NULL, "status" character varying(16) NOT NULL, "created_by_id" uuid NOT NULL, "sections" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a9a3e73923ffaddc370c83b869" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "minutes_versions_number_idx" ON "minutes_versions"  ("minutes_id", "number") `);
    await runner.query(`CREATE TABLE "minutes_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "section_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "parent_id" uuid, "author_id" uuid NOT NULL, "author_name" character varying(200) NOT NULL, "body" text NOT NULL, "quote" text NOT NULL, "anchor" jsonb, "resolved" boolean NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9590dcf365c8be7b751c0e7a6e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "minutes_comments_minutes_idx" ON "minutes_comments"  ("minutes_id") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."minutes_comments_minutes_idx"`);
    await runner.query(`DROP TABLE "minutes_comments"`);
    await runner.query(`DROP INDEX "public"."minutes_versions_number_idx"`);
    await runner.query(`DROP TABLE "minutes_versions"`);
    await runner.query(`DROP INDEX "public"."minutes_doc_updates_doc_idx"`);
    await runner.query(`DROP TABLE "minutes_doc_updates"`);
    await runner.query(`DROP INDEX "public"."minutes_sections_item_idx"`);
    await runner.query(`DROP TABLE "minutes_sections"`);
    await runner.query(`DROP INDEX "public"."minutes_meeting_idx"`);
    await runner.query(`DROP TABLE "minutes"`);
  }
}
