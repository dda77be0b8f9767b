import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A row per member invited when a meeting is scheduled, with their answer (part of the meeting's attendance record). */
export class MeetingInvitations1796700300000 implements MigrationInterface {
  name = 'MeetingInvitations1796700300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "meeting_invitations" ("meeting_id" uuid NOT NULL, "user_id" uuid NOT NULL, "response" character varying(16), "note" character varying(500) NOT NULL DEFAULT '', "responded_at" TIMESTAMP WITH TIME ZONE, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_meeting_invitations" PRIMARY KEY ("meeting_id", "user_id"))`,
    );
    await runner.query(`ALTER TABLE "meetings" ADD "reminded_at" TIMESTAMP WITH TIME ZONE`);
    // Meetings already published: their members are invited.
    await runner.query(
      `INSERT INTO meeting_invitations (meeting_id, user_id)
       SELECT m.id, ms.user_id FROM meetings m JOIN memberships ms ON ms.committee_id = m.committee_id
       WHERE m.status <> 'draft' AND m.deleted_at IS NULL ON CONFLICT DO NOTHING`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "meetings" DROP COLUMN "reminded_at"`);
    await runner.query(`DROP TABLE "meeting_invitations"`);
  }
}
