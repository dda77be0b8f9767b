import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The papers rule (`paper_withheld_from`, run for every write with a parent, and
 * `paper_withheld`, run for every record a reader who stepped out of something reads) looks up
 * each record of the governing chain's paper, its committee's setting and the declarations on
 * its subject by key. They joined the chain to `documents`, `committee_settings` and
 * `interests`, which the planner (the chain's length unknown to it) did as hash joins over scans
 * of the whole tables: every call read every paper and every declaration of every committee.
 * `OFFSET 0` keeps each lookup a per-record subquery (the planner may not flatten it into a
 * join), so it reads the primary key of `documents` and the (subject, user) key of `interests`.
 * Who stepped out of anything at all is read by the new index on `interests.user_id`. Same answers.
 */
export class PaperRuleByKey1796700900000 implements MigrationInterface {
  name = 'PaperRuleByKey1796700900000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "interests_user_idx" ON "interests" ("user_id")`);
    await runner.query(
      `CREATE OR REPLACE FUNCTION paper_withheld_from(scope uuid) RETURNS uuid[]
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(array_agg(DISTINCT i.user_id ORDER BY i.user_id), '{}'::uuid[])
         FROM governing_chain(scope) c
         CROSS JOIN LATERAL (SELECT d.committee_id, d.parent_id FROM documents d WHERE d.id = c.scope_id OFFSET 0) d
         CROSS JOIN LATERAL (SELECT i.user_id FROM interests i WHERE i.subject_id = d.parent_id AND i.steps_out OFFSET 0) i
         WHERE (SELECT cs.recused_without_papers FROM committee_settings cs WHERE cs.committee_id = d.committee_id)
       $$`,
    );
    await runner.query(
      `CREATE OR REPLACE FUNCTION paper_withheld(scope uuid, reader uuid) RETURNS boolean
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM interests o WHERE o.user_id = reader AND o.steps_out) THEN false
         ELSE COALESCE(bool_or(
           (SELECT cs.recused_without_papers FROM committee_settings cs WHERE cs.committee_id = d.committee_id)
           AND (SELECT i.steps_out FROM interests i WHERE i.subject_id = d.parent_id AND i.user_id = reader)
         ), false) END
         FROM governing_chain(scope) c
         CROSS JOIN LATERAL (SELECT d.committee_id, d.parent_id FROM documents d WHERE d.id = c.scope_id OFFSET 0) d
       $$`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE OR REPLACE FUNCTION paper_withheld_from(scope uuid) RETURNS uuid[]
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(array_agg(DISTINCT i.user_id ORDER BY i.user_id), '{}'::uuid[])
         FROM governing_chain(scope) c
         JOIN documents d ON d.id = c.scope_id
         JOIN committee_settings cs ON cs.committee_id = d.committee_id AND cs.recused_without_papers
         JOIN interests i ON i.subject_id = d.parent_id AND i.steps_out
       $$`,
    );
    await runner.query(
      `CREATE OR REPLACE FUNCTION paper_withheld(scope uuid, reader uuid) RETURNS boolean
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
    await runner.query(`DROP INDEX "public"."interests_user_idx"`);
  }
}
