import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from './support/db.js';
import { TestApp } from './support/harness.js';

/**
 * Records of another committee that a walk of one record's chain has no reason to read: as many
 * as a store of a few committees holds, where a scan of the table still looks cheap to the planner.
 */
const OTHER_RECORDS = 5_000;

/**
 * The governing walk (`governing_level`, `governing_draft`, `reader_level`) runs for every event a
 * catch-up page, an activity page or a relay drain serves: it must read the record's chain by key,
 * whatever the number of records in the store. Counted in buffers PostgreSQL touched (not timed).
 */
describe('the governing walk reads a record’s chain, not the store', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should answer a draft chain’s levels reading its records by key, not every record of the store', async () => {
    const { dataSource } = sql(app);
    const committeeId = randomUUID();
    const parent = randomUUID();
    const child = randomUUID();
    await dataSource.query(
      `INSERT INTO record_scopes (scope_id, committee_id, level, parent_id, draft)
       SELECT gen_random_uuid(), $1::uuid, 0, NULL, false FROM generate_series(1, $2::int)`,
      [committeeId, OTHER_RECORDS],
    );
    // A CONFIDENTIAL draft (a meeting not yet scheduled) governing a RESTRICTED record.
    await dataSource.query(
      `INSERT INTO record_scopes (scope_id, committee_id, level, parent_id, draft)
       VALUES ($1::uuid, $3::uuid, 2, NULL, true), ($2::uuid, $3::uuid, 1, $1::uuid, false)`,
      [parent, child, committeeId],
    );
    await dataSource.query('ANALYZE record_scopes');

    const walk = `SELECT governing_draft($1::uuid) AS draft, reader_level($1::uuid, false) AS for_others,
                         reader_level($1::uuid, true) AS for_drafts, governing_level($1::uuid) AS level`;
    const [answer] = await dataSource.query(walk, [child]);
    // Positive and negative controls: the chain is walked, and the draft seen.
    expect(answer).toEqual({ draft: true, for_others: 32767, for_drafts: 2, level: 2 });
    const [plain] = await dataSource.query(walk, [randomUUID()]);
    expect(plain).toEqual({ draft: false, for_others: 0, for_drafts: 0, level: 0 });
    // The one walk catch-up and the relay take per event (`governing_view`) answers the same.
    const view = 'SELECT level, draft, withheld_from::text[] AS withheld_from FROM governing_view($1::uuid)';
    expect(await dataSource.query(view, [child])).toEqual([{ level: 2, draft: true, withheld_from: [] }]);
    expect(await dataSource.query(view, [randomUUID()])).toEqual([{ level: 0, draft: false, withheld_from: [] }]);

    const blocks = async () => {
      const [row] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${walk}`, [child]);
      const [plan] = row['QUERY PLAN'] as Array<{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }>;
      return (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
    };
    await blocks();
    // By key: 42 pages (the chain's index and rows, the functions' catalog entries), however many
    // records the store holds. The draft walks joined to a scan of the table: 153 pages here, and
    // about 1 ms a call, until the table grew large enough for the planner to prefer the index.
    expect(await blocks()).toBeLessThan(80);
  });

  it('should say from whom a paper is withheld reading its chain’s papers and declarations by key, not every paper of the store', async () => {
    const { dataSource } = sql(app);
    const [committeeId, otherCommittee, item, paper, note, steppedOut, elsewhere] = Array.from({ length: 7 }, () => randomUUID());
    // Another committee's papers, each on an item someone stepped out of, with the setting on.
    await dataSource.query(
      `WITH papers AS (
         INSERT INTO documents (id, committee_id, parent_id, title, file_name, media_type, size, sha256, storage_key, classification, uploaded_by, version, created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, gen_random_uuid(), 'Kertas', 'kertas.pdf', 'application/pdf', 1, repeat('0', 64), 'k', 'OPEN', $1::uuid, 1, now(), now()
         FROM generate_series(1, $2::int)
         RETURNING id, parent_id
       ), scopes AS (
         INSERT INTO record_scopes (scope_id, committee_id, level, parent_id, draft)
         SELECT id, $1::uuid, 0, parent_id, false FROM papers
       )
       INSERT INTO interests (committee_id, subject_id, subject_type, user_id, nature, steps_out, classification, version)
       SELECT $1::uuid, parent_id, 'agenda-item', gen_random_uuid(), 'Pengarah syarikat', true, 'OPEN', 1 FROM papers`,
      [otherCommittee, OTHER_RECORDS],
    );
    // This committee: an item, a paper on it and a note on the paper; one member stepped out of
    // the item, another out of something else (so the reader's own walk is taken for both).
    await dataSource.query(
      `INSERT INTO committee_settings (committee_id, quorum_kind, version, recused_without_papers)
       VALUES ($1::uuid, 'majority', 1, true), ($2::uuid, 'majority', 1, true)`,
      [committeeId, otherCommittee],
    );
    await dataSource.query(
      `INSERT INTO record_scopes (scope_id, committee_id, level, parent_id, draft)
       VALUES ($2::uuid, $1::uuid, 0, NULL, false), ($3::uuid, $1::uuid, 0, $2::uuid, false), ($4::uuid, $1::uuid, 0, $3::uuid, false)`,
      [committeeId, item, paper, note],
    );
    await dataSource.query(
      `INSERT INTO documents (id, committee_id, parent_id, title, file_name, media_type, size, sha256, storage_key, classification, uploaded_by, version, created_at, updated_at)
       VALUES ($2::uuid, $1::uuid, $3::uuid, 'Kertas', 'kertas.pdf', 'application/pdf', 1, repeat('0', 64), 'k', 'OPEN', $1::uuid, 1, now(), now())`,
      [committeeId, paper, item],
    );
    await dataSource.query(
      `INSERT INTO interests (committee_id, subject_id, subject_type, user_id, nature, steps_out, classification, version)
       VALUES ($1::uuid, $2::uuid, 'agenda-item', $3::uuid, 'Pengarah syarikat', true, 'OPEN', 1),
              ($1::uuid, $4::uuid, 'agenda-item', $5::uuid, 'Pemegang saham', true, 'OPEN', 1)`,
      [committeeId, item, steppedOut, randomUUID(), elsewhere],
    );
    await dataSource.query('ANALYZE documents; ANALYZE interests; ANALYZE committee_settings; ANALYZE record_scopes');

    const rule = `SELECT paper_withheld_from($1::uuid)::text[] AS withheld_from, paper_withheld($1::uuid, $2::uuid) AS from_stepped_out,
                         paper_withheld($1::uuid, $3::uuid) AS from_elsewhere`;
    // Positive and negative controls: the note is withheld from the one who stepped out of its
    // item, not from one who stepped out of another; a record of no paper from no one.
    const [answer] = await dataSource.query(rule, [note, steppedOut, elsewhere]);
    expect(answer).toEqual({ withheld_from: [steppedOut], from_stepped_out: true, from_elsewhere: false });
    const [plain] = await dataSource.query(rule, [randomUUID(), steppedOut, elsewhere]);
    expect(plain).toEqual({ withheld_from: [], from_stepped_out: false, from_elsewhere: false });
    // The one walk catch-up and the relay take per event (`governing_view`) names the same people.
    const view = 'SELECT level, draft, withheld_from::text[] AS withheld_from FROM governing_view($1::uuid)';
    expect(await dataSource.query(view, [note])).toEqual([{ level: 0, draft: false, withheld_from: [steppedOut] }]);

    const blocks = async () => {
      const [row] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${rule}`, [note, steppedOut, elsewhere]);
      const [plan] = row['QUERY PLAN'] as Array<{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }>;
      return (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
    };
    await blocks();
    const touched = await blocks();
    process.stdout.write(`papers rule: ${touched} pages\n`);
    expect(touched).toBeLessThan(120);
    const [row] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${view}`, [note]);
    const [plan] = row['QUERY PLAN'] as Array<{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }>;
    const viewed = (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
    process.stdout.write(`governing_view: ${viewed} pages\n`);
    expect(viewed).toBeLessThan(120);
  });
});
