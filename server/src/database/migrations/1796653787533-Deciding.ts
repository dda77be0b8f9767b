import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Votes in the meeting and declarations of interest. A secret ballot keeps who voted
 * (`vote_ballots_cast`, choice null) apart from how (`vote_choices`: a random id, no voter, no time).
 */
export class Deciding1796653787533 implements MigrationInterface {
  name = 'Deciding1796653787533';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "question" text NOT NULL, "options" jsonb NOT NULL, "ballot" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "tally" jsonb, "decision_id" uuid, "classification" character varying(16) NOT NULL, "created_by_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_votes" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "votes_meeting_idx" ON "votes" ("meeting_id")`);
    await runner.query(
      `CREATE TABLE "vote_ballots_cast" ("vote_id" uuid NOT NULL REFERENCES "votes" ("id") ON DELETE CASCADE, "voter_id" uuid NOT NULL, "choice" text, CONSTRAINT "PK_vote_ballots_cast" PRIMARY KEY ("vote_id", "voter_id"))`,
    );
    await runner.query(
      `CREATE TABLE "vote_choices" ("id" uuid NOT NULL, "vote_id" uuid NOT NULL REFERENCES "votes" ("id") ON DELETE CASCADE, "choice" text NOT NULL, CONSTRAINT "PK_vote_choices" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "vote_choices_vote_idx" ON "vote_choices" ("vote_id")`);
    await runner.query(
      `CREATE TABLE "interests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "subject_type" character varying(16) NOT NULL, "meeting_id" uuid, "user_id" uuid NOT NULL, "nature" text NOT NULL, "steps_out" boolean NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_interests" PRIMARY KEY ("id"), CONSTRAINT "interests_subject_user_key" UNIQUE ("subject_id", "user_id"))`,
    );
    await runner.query(`CREATE INDEX "interests_meeting_idx" ON "interests" ("meeting_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "interests"`);
    await runner.query(`DROP TABLE "vote_choices"`);
    await runner.query(`DROP TABLE "vote_ballots_cast"`);
    await runner.query(`DROP TABLE "votes"`);
  }
}
