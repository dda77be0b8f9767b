import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1795926474935 implements MigrationInterface {
  name = 'Meetings1795926474935';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "parent_id" uuid, "position" integer NOT NULL, "title" character varying(300) NOT NULL, "presenter" character varying(200) NOT NULL DEFAULT '', "duration_minutes" integer, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items"  ("meeting_id") `);
    await runner.query(`CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "year" integer NOT NULL, "number_in_year" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "venue" character varying(300) NOT NULL DEFAULT '', "online_url" character varying(2000), "status" character varying(16) NOT NULL, "current_agenda_item_id" uuid, "current_item_started_at" TIMESTAMP WITH TIME ZONE, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "meetings_committee_starts_idx" ON "meetings"  ("committee_id", "starts_at") `);
    await runner.query(`CREATE UNIQUE INDEX "meetings_committee_number_idx" ON "meetings"  ("committee_id", "year", "number_in_year") `);
    // Widened in place: verbs such as current-item-changed; no row is rewritten or lost.
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "verb" TYPE character varying(32)`);
    await runner.query(`ALTER TABLE "change_events" ALTER COLUMN "verb" TYPE character varying(32)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "change_events" ALTER COLUMN "verb" TYPE character varying(16)`);
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "verb" TYPE character varying(16)`);
    await runner.query(`DROP INDEX "public"."meetings_committee_number_idx"`);
    await runner.query(`DROP INDEX "public"."meetings_committee_starts_idx"`);
    await runner.query(`DROP TABLE "meetings"`);
    await runner.query(`DROP INDEX "public"."agenda_items_meeting_idx"`);
    await runner.query(`DROP TABLE "agenda_items"`);
  }
}
