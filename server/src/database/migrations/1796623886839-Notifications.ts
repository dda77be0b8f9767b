import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications per recipient, follows, preferences, and the notification consumer's cursor per
 * committee. The cursors start at each committee's current head: a database that already has a
 * history does not notify it all on upgrade.
 */
export class Notifications1796623886839 implements MigrationInterface {
  name = 'Notifications1796623886839';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "n" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "level" smallint NOT NULL, "actor_id" uuid, "dedupe_key" character varying(200) NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications"  ("user_id", "dedupe_key") `);
    await runner.query(`CREATE INDEX "notifications_recipient_idx" ON "notifications"  ("user_id", "n") `);
    await runner.query(`CREATE TABLE "notification_cursors" ("committee_id" uuid NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_41548a80bf3753418b50839336c" PRIMARY KEY ("committee_id"))`);
    await runner.query(`INSERT INTO "notification_cursors" ("committee_id", "last_seq") SELECT "committee_id", "last_seq" FROM "committee_sequences"`);
    await runner.query(`CREATE TABLE "follows" ("user_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "entity_type" character varying(40) NOT NULL, "committee_id" uuid NOT NULL, CONSTRAINT "PK_3220d12dc758cb9e0fb676f50e4" PRIMARY KEY ("user_id", "entity_id"))`);
    await runner.query(`CREATE INDEX "follows_entity_idx" ON "follows"  ("entity_id") `);
    await runner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kinds" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "notification_preferences"`);
    await runner.query(`DROP INDEX "public"."follows_entity_idx"`);
    await runner.query(`DROP TABLE "follows"`);
    await runner.query(`DROP TABLE "notification_cursors"`);
    await runner.query(`DROP INDEX "public"."notifications_recipient_idx"`);
    await runner.query(`DROP INDEX "public"."notifications_dedupe_idx"`);
    await runner.query(`DROP TABLE "notifications"`);
  }
}
