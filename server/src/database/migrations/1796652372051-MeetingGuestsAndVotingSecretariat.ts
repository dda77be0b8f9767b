import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Guests of a meeting who are not members (name, agency, role), and whether a committee's secretariat votes. */
export class MeetingGuestsAndVotingSecretariat1796652372051 implements MigrationInterface {
  name = 'MeetingGuestsAndVotingSecretariat1796652372051';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "committee_settings" ADD "secretariat_votes" boolean NOT NULL DEFAULT false`);
    await runner.query(
      `CREATE TABLE "meeting_guests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "agency" character varying(200) NOT NULL DEFAULT '', "role" character varying(200) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_meeting_guests" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "meeting_guests_meeting_idx" ON "meeting_guests" ("meeting_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "meeting_guests"`);
    await runner.query(`ALTER TABLE "committee_settings" DROP COLUMN "secretariat_votes"`);
  }
}
