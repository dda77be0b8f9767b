import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text search index (docs/search.md). Written by hand: TypeORM has no notion of
 * tsvector documents, trigram operator classes or partial GIN indexes, so `search_entries` has
 * no entity and the schema check leaves it alone. Rows are written by the change pipeline
 * (server/src/search/search-index.ts); records that existed before are indexed at start.
 */
export class Search1795935636499 implements MigrationInterface {
  name = 'Search1795935636499';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // unaccent() is only STABLE (its dictionary could change), so it cannot feed an index
    // directly; this wrapper names the dictionary by schema and is declared IMMUTABLE.
    const [row]: Array<{ schema: string }> = await runner.query(
      `SELECT n.nspname AS schema FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'unaccent'`,
    );
    const schema = `"${String(row?.schema ?? 'public').replace(/"/g, '""')}"`;
    await runner.query(
      `CREATE OR REPLACE FUNCTION sidang_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT ${schema}.unaccent('${schema}.unaccent'::regdictionary, $1) $$`,
    );
    // Lower case without accents: what trigram similarity compares.
    await runner.query(
      `CREATE OR REPLACE FUNCTION sidang_search_normalize(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT lower(sidang_unaccent($1)) $$`,
    );
    // One document per field, three configurations at once: 'simple' over unaccented words
    // (exact words and prefixes in any language), 'english' (English stems) and 'indonesian'
    // (its stemmer strips the Malay affixes: pemprosesan → proses).
    await runner.query(
      `CREATE OR REPLACE FUNCTION sidang_search_document(content text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT setweight(to_tsvector('simple'::regconfig, sidang_unaccent(content))
                  || to_tsvector('english'::regconfig, content)
                  || to_tsvector('indonesian'::regconfig, content), weight) $$`,
    );
    // One typed word as a query over those documents: a prefix of the unaccented word (as you
    // type) or the English or Indonesian stem. Operators of the tsquery syntax are removed
    // first (unaccent maps some letters to quotes or colons), so no input is a syntax error.
    await runner.query(
      `CREATE OR REPLACE FUNCTION sidang_search_word(word text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT CASE WHEN w = '' THEN plainto_tsquery('simple'::regconfig, '') ELSE to_tsquery('simple'::regconfig, w || ':*') END
                    || plainto_tsquery('english'::regconfig, word)
                    || plainto_tsquery('indonesian'::regconfig, word)
             FROM (SELECT translate(lower(sidang_unaccent(word)), E'&|!():*<>''\\\\ \\t\\n\\r-', '') AS w) cleaned $$`,
    );
    await runner.query(
      `CREATE TABLE "search_entries" (
         "entity_id" uuid NOT NULL,
         "field" character varying(64) NOT NULL,
         "committee_id" uuid NOT NULL,
         "entity_type" character varying(40) NOT NULL,
         "level" smallint NOT NULL,
         "is_title" boolean NOT NULL,
         "position" smallint NOT NULL,
         "content" text NOT NULL,
         "normalized" text NOT NULL,
         "document" tsvector NOT NULL,
         CONSTRAINT "PK_search_entries" PRIMARY KEY ("entity_id", "field"))`,
    );
    await runner.query(`CREATE INDEX "search_entries_document_idx" ON "search_entries" USING gin ("document")`);
    await runner.query(
      `CREATE INDEX "search_entries_title_trgm_idx" ON "search_entries" USING gin ("normalized" gin_trgm_ops) WHERE "is_title"`,
    );
    await runner.query(`CREATE INDEX "search_entries_committee_idx" ON "search_entries" ("committee_id", "entity_type")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "search_entries"`);
    await runner.query('DROP FUNCTION sidang_search_word(text)');
    await runner.query('DROP FUNCTION sidang_search_document(text, "char")');
    await runner.query('DROP FUNCTION sidang_search_normalize(text)');
    await runner.query('DROP FUNCTION sidang_unaccent(text)');
    // The extensions stay: other objects of the database may use them.
  }
}
