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
});
