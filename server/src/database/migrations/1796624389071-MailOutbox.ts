import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The e-mail outbox of notifications (one e-mail per notification at most, one digest per user and day). */
export class MailOutbox1796624389071 implements MigrationInterface {
  name = 'MailOutbox1796624389071';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "mail_outbox" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "notification_id" uuid, "digest_day" character varying(10), "digest_id" bigint, "status" character varying(10) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox"  ("status", "next_at") `);
    await runner.query(`CREATE UNIQUE INDEX "mail_outbox_digest_idx" ON "mail_outbox"  ("user_id", "digest_day") `);
    await runner.query(`CREATE UNIQUE INDEX "mail_outbox_notification_idx" ON "mail_outbox"  ("notification_id") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."mail_outbox_notification_idx"`);
    await runner.query(`DROP INDEX "public"."mail_outbox_digest_idx"`);
    await runner.query(`DROP INDEX "public"."mail_outbox_due_idx"`);
    await runner.query(`DROP TABLE "mail_outbox"`);
  }
}
