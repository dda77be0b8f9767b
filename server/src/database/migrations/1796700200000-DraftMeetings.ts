import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafts seen by the chair and the secretariat only. `record_scopes.draft`: the record is a draft
 * of its own (a meeting not yet scheduled); `change_events.draft`: the change was logged while
 * the record or a record governing it was a draft, and is never served to anyone else, even
 * after publication (as an event logged above a reader stays above them). `governing_draft`
 * walks the one ancestor chain; `reader_level` is the level a reader needs to see a record now:
 * its governing level, or above everyone for a draft chain when the reader may not see drafts.
 * A draft meeting has no number yet: `number_in_year` becomes nullable. The standard agenda items
 * follow the committee's language (`committee_settings.agenda_language`, Bahasa Malaysia by default).
 */
export class DraftMeetings1796700200000 implements MigrationInterface {
  name = 'DraftMeetings1796700200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "record_scopes" ADD "draft" boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE "change_events" ADD "draft" boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE "meetings" ALTER COLUMN "number_in_year" DROP NOT NULL`);
    // The standard agenda items follow the committee's language: Bahasa Malaysia unless it says English.
    await runner.query(`ALTER TABLE "committee_settings" ADD "agenda_language" character varying(2) NOT NULL DEFAULT 'ms'`);
    await runner.query(
      `CREATE FUNCTION governing_draft(scope uuid) RETURNS boolean
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(bool_or(s.draft), false) FROM governing_chain(scope) c JOIN record_scopes s ON s.scope_id = c.scope_id
       $$`,
    );
    await runner.query(
      `CREATE FUNCTION reader_level(scope uuid, drafts boolean) RETURNS smallint
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN NOT drafts AND COALESCE(bool_or(s.draft), false) THEN 32767 ELSE COALESCE(max(c.level), 0) END::smallint
         FROM governing_chain(scope) c JOIN record_scopes s ON s.scope_id = c.scope_id
       $$`,
    );
    // Meetings in draft now, and everything logged under them so far.
    await runner.query(
      `UPDATE record_scopes s SET draft = true FROM meetings m WHERE m.id = s.scope_id AND m.status = 'draft' AND m.deleted_at IS NULL`,
    );
    await runner.query(`UPDATE change_events e SET draft = true WHERE governing_draft(e.entity_id)`);
    await runner.query(`UPDATE meetings SET number_in_year = NULL WHERE status = 'draft'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION reader_level(uuid, boolean)');
    await runner.query('DROP FUNCTION governing_draft(uuid)');
    await runner.query(`ALTER TABLE "committee_settings" DROP COLUMN "agenda_language"`);
    await runner.query(`ALTER TABLE "change_events" DROP COLUMN "draft"`);
    await runner.query(`ALTER TABLE "record_scopes" DROP COLUMN "draft"`);
  }
}
