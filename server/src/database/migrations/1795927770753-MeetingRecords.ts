import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingRecords1795927770753 implements MigrationInterface {
  name = 'MeetingRecords1795927770753';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "meeting_attendance" ("meeting_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c5c4ef2540bd766389d942db746" PRIMARY KEY ("meeting_id", "user_id"))`);
    await runner.query(`CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "text" text NOT NULL, "classification" character varying(16) NOT NULL, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "decisions_agenda_item_idx" ON "decisions"  ("agenda_item_id") `);
    await runner.query(`CREATE INDEX "decisions_committee_idx" ON "decisions"  ("committee_id") `);
    await runner.query(`ALTER TABLE "action_items" ADD "meeting_id" uuid`);
    await runner.query(`ALTER TABLE "action_items" ADD "agenda_item_id" uuid`);
    // Existing meetings get an attendance id; new ones get theirs from the application.
    await runner.query(`ALTER TABLE "meetings" ADD "attendance_id" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await runner.query(`ALTER TABLE "meetings" ALTER COLUMN "attendance_id" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "meetings" ADD "attendance_version" integer NOT NULL DEFAULT '1'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "meetings" DROP COLUMN "attendance_version"`);
    await runner.query(`ALTER TABLE "meetings" DROP COLUMN "attendance_id"`);
    await runner.query(`ALTER TABLE "action_items" DROP COLUMN "agenda_item_id"`);
    await runner.query(`ALTER TABLE "action_items" DROP COLUMN "meeting_id"`);
    await runner.query(`DROP INDEX "public"."decisions_committee_idx"`);
    await runner.query(`DROP INDEX "public"."decisions_agenda_item_idx"`);
    await runner.query(`DROP TABLE "decisions"`);
    await runner.query(`DROP TABLE "meeting_attendance"`);
  }
}
