import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline's levels in one place: each record's current field levels beside its current own
 * level (history is projected through the higher of a stored event's field levels and these),
 * and the one ancestor rule — `governing_chain` walks a record and the records that govern it,
 * `governing_level` is the highest level along that walk — used by every read and by the write.
 */
export class GoverningLevels1796610479461 implements MigrationInterface {
  name = 'GoverningLevels1796610479461';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "record_scopes" ADD "field_levels" jsonb`);
    // A second governing record, for a record that needs both of two others (a link's ends).
    await runner.query(`ALTER TABLE "record_scopes" ADD "co_parent_id" uuid`);
    await runner.query(
      `UPDATE record_scopes s SET co_parent_id = CASE WHEN l.from_id = s.parent_id THEN l.to_id ELSE l.from_id END
       FROM record_links l WHERE l.id = s.scope_id`,
    );
    // Each record's field levels as its latest event that still carried the record left them
    // (a delete logs only the id and keeps the levels the record last had).
    await runner.query(
      `UPDATE record_scopes s SET field_levels = COALESCE(l.data -> 'fieldClassifications', '{}'::jsonb)
       FROM (SELECT DISTINCT ON (entity_id) entity_id, data FROM change_events
             WHERE verb <> 'deleted' ORDER BY entity_id, seq DESC) l
       WHERE l.entity_id = s.scope_id`,
    );
    // Depth-bounded so that a malformed chain (a cycle) cannot loop; the deepest real chain is
    // a link governed by a minutes comment → section → agenda item → meeting. Both governing
    // records are followed (`co_parent_id`: a link's other end).
    await runner.query(
      `CREATE FUNCTION governing_chain(scope uuid) RETURNS TABLE (scope_id uuid, level smallint, depth int)
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         WITH RECURSIVE chain(scope_id, parent_id, co_parent_id, level, depth) AS (
           SELECT s.scope_id, s.parent_id, s.co_parent_id, s.level, 0 FROM record_scopes s WHERE s.scope_id = scope
           UNION ALL
           SELECT p.scope_id, p.parent_id, p.co_parent_id, p.level, c.depth + 1
           FROM chain c JOIN record_scopes p ON p.scope_id = ANY(ARRAY[c.parent_id, c.co_parent_id]) WHERE c.depth < 8
         )
         SELECT chain.scope_id, chain.level, chain.depth FROM chain
       $$`,
    );
    await runner.query(
      `CREATE FUNCTION governing_level(scope uuid) RETURNS smallint
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT COALESCE(max(c.level), 0)::smallint FROM governing_chain(scope) c
       $$`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION governing_level(uuid)');
    await runner.query('DROP FUNCTION governing_chain(uuid)');
    await runner.query(`ALTER TABLE "record_scopes" DROP COLUMN "co_parent_id"`);
    await runner.query(`ALTER TABLE "record_scopes" DROP COLUMN "field_levels"`);
  }
}
