import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795707117631 implements MigrationInterface {
  name = 'Initial1795707117631';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "committees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "parent_id" uuid, "code" character varying(40) NOT NULL, "name" character varying(300) NOT NULL, "name_ms" character varying(300) NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Kuala_Lumpur', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_99986cd2abe2651494017d93bb3" UNIQUE ("code"), CONSTRAINT "PK_69acdd168edf3e61a2a0b4ed13b" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "password_hash" character varying(255) NOT NULL, "name" character varying(200) NOT NULL, "agency" character varying(40) NOT NULL, "clearance" character varying(16) NOT NULL, "locale" character varying(2) NOT NULL DEFAULT 'en', "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TABLE "memberships" ("committee_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, CONSTRAINT "PK_a8d695e38b08f98d277e3bcc551" PRIMARY KEY ("committee_id", "user_id"))`);
    await runner.query(`CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "seq" bigint NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "verb" character varying(16) NOT NULL, "actor_id" uuid NOT NULL, "before" jsonb, "after" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "audit_entries_entity_idx" ON "audit_entries"  ("entity_id") `);
    await runner.query(`CREATE TABLE "change_events" ("committee_id" uuid NOT NULL, "seq" bigint NOT NULL, "entity_type" character varying(40) NOT NULL, "verb" character varying(16) NOT NULL, "entity_id" uuid NOT NULL, "scope_id" uuid NOT NULL, "version" integer NOT NULL, "actor_id" uuid NOT NULL, "level" smallint NOT NULL, "previous_level" smallint, "data" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4d019914561746e08eb027bb145" PRIMARY KEY ("committee_id", "seq"))`);
    await runner.query(`CREATE INDEX "change_events_scope_idx" ON "change_events"  ("scope_id") `);
    await runner.query(`CREATE TABLE "committee_sequences" ("committee_id" uuid NOT NULL, "last_seq" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_6532bf3d5c11a91dc71b2a0b6c2" PRIMARY KEY ("committee_id"))`);
    await runner.query(`CREATE TABLE "record_scopes" ("scope_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "level" smallint NOT NULL, CONSTRAINT "PK_bfdd315a0a31332dbe53c17ca7b" PRIMARY KEY ("scope_id"))`);
    await runner.query(`CREATE TABLE "app_settings" ("key" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_975c2db59c65c05fd9c6b63a2ab" PRIMARY KEY ("key"))`);
    await runner.query(`CREATE TABLE "action_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL, "priority" character varying(8) NOT NULL, "due_date" date, "owner_ids" uuid array NOT NULL DEFAULT '{}', "owner_agencies" text array NOT NULL DEFAULT '{}', "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5a84b168b001636b379312104ab" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "action_items_committee_idx" ON "action_items"  ("committee_id") `);
    await runner.query(`CREATE TABLE "progress_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "committee_id" uuid NOT NULL, "body" text NOT NULL, "author_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_180f6781848cb83b31c3deb131b" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "progress_updates_item_idx" ON "progress_updates"  ("action_item_id") `);
    await runner.query(`ALTER TABLE "committees" ADD CONSTRAINT "FK_44afb90bbcf0203f42ce80eb3c2" FOREIGN KEY ("parent_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "FK_d555c80faa47b66b94d662435be" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "change_events" ADD CONSTRAINT "FK_a5c2510edc8259b62cf85992cc7" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "committee_sequences" ADD CONSTRAINT "FK_6532bf3d5c11a91dc71b2a0b6c2" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "action_items" ADD CONSTRAINT "FK_d1a495972cf3d50997c5788e0d2" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "progress_updates" ADD CONSTRAINT "FK_8ac81a2efcffbe09618465e8a9c" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "progress_updates" DROP CONSTRAINT "FK_8ac81a2efcffbe09618465e8a9c"`);
    await runner.query(`ALTER TABLE "action_items" DROP CONSTRAINT "FK_d1a495972cf3d50997c5788e0d2"`);
    await runner.query(`ALTER TABLE "committee_sequences" DROP CONSTRAINT "FK_6532bf3d5c11a91dc71b2a0b6c2"`);
    await runner.query(`ALTER TABLE "change_events" DROP CONSTRAINT "FK_a5c2510edc8259b62cf85992cc7"`);
    await runner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"`);
    await runner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_d555c80faa47b66b94d662435be"`);
    await runner.query(`ALTER TABLE "committees" DROP CONSTRAINT "FK_44afb90bbcf0203f42ce80eb3c2"`);
    await runner.query(`DROP INDEX "public"."progress_updates_item_idx"`);
    await runner.query(`DROP TABLE "progress_updates"`);
    await runner.query(`DROP INDEX "public"."action_items_committee_idx"`);
    await runner.query(`DROP TABLE "action_items"`);
    await runner.query(`DROP TABLE "app_settings"`);
    await runner.query(`DROP TABLE "record_scopes"`);
    await runner.query(`DROP TABLE "committee_sequences"`);
    await runner.query(`DROP INDEX "public"."change_events_scope_idx"`);
    await runner.query(`DROP TABLE "change_events"`);
    await runner.query(`DROP INDEX "public"."audit_entries_entity_idx"`);
    await runner.query(`DROP TABLE "audit_entries"`);
    await runner.query(`DROP TABLE "memberships"`);
    await runner.query(`DROP TABLE "users"`);
    await runner.query(`DROP TABLE "committees"`);
  }
}
