import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A committee may withhold an agenda item's papers from whoever stepped out of that item over a
 * declared interest (`committee_settings.recused_without_papers`, default off). The rule is part
 * of the one ancestor walk (`governing_chain`): a record is a paper of a subject (an agenda item,
 * a resolution) when a document on that subject governs it (the document itself, its
 * annotations, …). `paper_withheld(scope, reader)` says whether it is withheld from one reader
 * (every read adds it to `reader_level`); `paper_withheld_from(scope)` lists from whom (the live
 * relay leaves their sockets out).
 */
export class RecusedWithoutPapers1796700700000 implements MigrationInterface {
  name = 'RecusedWithoutPapers1796700700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "committee_settings" ADD "recused_without_papers" boolean NOT NULL DEFAULT false`);
    await runner.query(
      `CREATE FUNCTION paper_withheld_from(scope uuid) RETURNS uuid[]
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(array_agg(DISTINCT i.user_id ORDER BY i.user_id), '{}'::uuid[])
         FROM governing_chain(scope) c
         JOIN documents d ON d.id = c.scope_id
         JOIN committee_settings cs ON cs.committee_id = d.committee_id AND cs.recused_without_papers
         JOIN interests i ON i.subject_id = d.parent_id AND i.steps_out
       $$`,
    );
    // Most readers stepped out of nothing: for them the walk is not taken.
    await runner.query(
      `CREATE FUNCTION paper_withheld(scope uuid, reader uuid) RETURNS boolean
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM interests o WHERE o.user_id = reader AND o.steps_out) THEN false
         ELSE EXISTS (
           SELECT 1 FROM governing_chain(scope) c
           JOIN documents d ON d.id = c.scope_id
           JOIN committee_settings cs ON cs.committee_id = d.committee_id AND cs.recused_without_papers
           JOIN interests i ON i.subject_id = d.parent_id AND i.steps_out AND i.user_id = reader
         ) END
       $$`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION paper_withheld(uuid, uuid)');
    await runner.query('DROP FUNCTION paper_withheld_from(uuid)');
    await runner.query(`ALTER TABLE "committee_settings" DROP COLUMN "recused_without_papers"`);
  }
}
