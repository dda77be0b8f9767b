import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `governing_draft` and `reader_level` read each record of the governing chain's `draft` by its
 * key. They joined the chain to `record_scopes`, which the planner (the chain's length unknown to
 * it) did as a hash join over a scan of the whole table while the table was small enough for that
 * to look cheap, up to several thousand records: each call then read every record of every
 * committee (about 1 ms), for each event of a catch-up page, an activity page or a relay drain.
 * Same answers: a chain holds only records that have a scope row (`governing_chain` walks
 * `record_scopes`).
 */
export class GoverningDraftByKey1796700600000 implements MigrationInterface {
  name = 'GoverningDraftByKey1796700600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE OR REPLACE FUNCTION governing_draft(scope uuid) RETURNS boolean
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(bool_or((SELECT s.draft FROM record_scopes s WHERE s.scope_id = c.scope_id)), false) FROM governing_chain(scope) c
       $$`,
    );
    await runner.query(
      `CREATE OR REPLACE FUNCTION reader_level(scope uuid, drafts boolean) RETURNS smallint
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN NOT drafts AND COALESCE(bool_or((SELECT s.draft FROM record_scopes s WHERE s.scope_id = c.scope_id)), false)
                THEN 32767 ELSE COALESCE(max(c.level), 0) END::smallint
         FROM governing_chain(scope) c
       $$`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE OR REPLACE FUNCTION governing_draft(scope uuid) RETURNS boolean
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(bool_or(s.draft), false) FROM governing_chain(scope) c JOIN record_scopes s ON s.scope_id = c.scope_id
       $$`,
    );
    await runner.query(
      `CREATE OR REPLACE FUNCTION reader_level(scope uuid, drafts boolean) RETURNS smallint
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN NOT drafts AND COALESCE(bool_or(s.draft), false) THEN 32767 ELSE COALESCE(max(c.level), 0) END::smallint
         FROM governing_chain(scope) c JOIN record_scopes s ON s.scope_id = c.scope_id
       $$`,
    );
  }
}
