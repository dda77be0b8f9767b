import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `governing_view(scope)`: where a record stands now, from one walk of its governing chain
 * (`governing_chain`): its governing level (as `governing_level`), whether it or a record
 * governing it is a draft (as `governing_draft`) and who the papers rule withholds it from (as
 * `paper_withheld_from`). The change log's readers (catch-up, the relay's drain) took those as
 * three or four calls per event, each walking the same chain again; one row per record now,
 * joined `LATERAL`. Same answers as the three functions, which stay for the other readers; the
 * papers rule reads each record's paper, setting and declarations by key, as `PaperRuleByKey` does.
 */
export class GoverningView1796700950000 implements MigrationInterface {
  name = 'GoverningView1796700950000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE FUNCTION governing_view(scope uuid) RETURNS TABLE (level smallint, draft boolean, withheld_from uuid[])
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         WITH c AS MATERIALIZED (
           SELECT c.scope_id, c.level, (SELECT s.draft FROM record_scopes s WHERE s.scope_id = c.scope_id) AS draft
           FROM governing_chain(scope) c
         )
         SELECT COALESCE(max(c.level), 0)::smallint,
                COALESCE(bool_or(c.draft), false),
                (SELECT COALESCE(array_agg(DISTINCT i.user_id ORDER BY i.user_id), '{}'::uuid[])
                 FROM c w
                 CROSS JOIN LATERAL (SELECT d.committee_id, d.parent_id FROM documents d WHERE d.id = w.scope_id OFFSET 0) d
                 CROSS JOIN LATERAL (SELECT i.user_id FROM interests i WHERE i.subject_id = d.parent_id AND i.steps_out OFFSET 0) i
                 WHERE (SELECT cs.recused_without_papers FROM committee_settings cs WHERE cs.committee_id = d.committee_id))
         FROM c
       $$`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION governing_view(uuid)');
  }
}
