/**
 * Search benchmark (GET /api/search over a few thousand records), on PostgreSQL and on the
 * embedded store. It used to be the last test of search.spec.ts; a figure is not an assertion,
 * so it lives here, next to the fan-out bench, and `npm run bench` prints it.
 *
 *   npm run bench          (builds, checks PostgreSQL, then runs the benches with tsx)
 *
 * Sidang runs as `npm start` runs it (test/support/server-process.ts), on a database made here
 * (the embedded store is served from this process, as the integration tests do). 3 000 records
 * are written straight into one new committee's index with the same SQL functions the pipeline
 * uses — this measures searching, not the pipeline's writes — and each query is asked five
 * times by a CONFIDENTIAL reader who chairs that committee, after one warm-up request.
 *
 * BENCH_SEARCH_RECORDS (3000) overrides the size; BENCH_STORES=postgres,embedded picks the
 * stores. Absolute figures depend on the machine (and its load): docs/search.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SearchResponse } from '@sidang/shared';
import pg from 'pg';
import { createEmbeddedDatabase, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { api, DEMO_USERS, login, type RunningServer, startServer } from '../support/server-process.js';

const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 3000);
const STORES = (process.env.BENCH_STORES ?? 'postgres,embedded').split(',').map((s) => s.trim()) as Array<'postgres' | 'embedded'>;
const QUERIES = ['nickel', 'proses', 'smeltr', 'kilang pelaburan', 'pe'];
const RUNS = 5;

/** The 3 000 records, straight into the index of a new committee chaired by the demo member. */
async function writeIndex(url: string): Promise<{ committeeId: string; indexing: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    const code = `BENCH-${Date.now().toString(36).toUpperCase()}`;
    const committee = await client.query<{ id: string }>('INSERT INTO committees (code, name, name_ms) VALUES ($1, $2, $3) RETURNING id', [
      code,
      `Search bench ${code}`,
      `Jawatankuasa ujian ${code}`,
    ]);
    const committeeId = committee.rows[0]?.id as string;
    await client.query(`INSERT INTO memberships (committee_id, user_id, role) SELECT $1::uuid, id, 'chair' FROM users WHERE email = $2`, [
      committeeId,
      DEMO_USERS.member,
    ]);
    await client.query(
      `WITH words AS (SELECT ARRAY['nickel','bauxite','pemprosesan','perundingan','kilang','rundingan','magnet','tarif','pelaburan','smelter'] AS w),
       records AS (SELECT n, gen_random_uuid() AS id, (n % 4)::smallint AS level FROM generate_series(0, $2::int - 1) AS n),
       scopes AS (INSERT INTO record_scopes (scope_id, committee_id, level, parent_id) SELECT id, $1::uuid, level, NULL FROM records)
       INSERT INTO search_entries (entity_id, field, committee_id, entity_type, level, is_title, position, content, normalized, document)
       SELECT id, f.field, $1::uuid, 'action-item', level, f.is_title, f.position, f.content, sidang_search_normalize(f.content),
              sidang_search_document(f.content, CASE WHEN f.is_title THEN 'A' ELSE 'B' END::"char")
       FROM records, words, LATERAL (VALUES
         ('title', true, 0, 'Item ' || n || ' ' || w[1 + n % 10] || ' ' || w[1 + (n * 7) % 10]),
         ('description', false, 1, 'Laporan ' || n || ': ' || w[1 + (n * 3) % 10] || ' dan ' || w[1 + (n * 5) % 10] || ' untuk suku tahun ' || (n % 4) || '.')
       ) AS f(field, is_title, position, content)`,
      [committeeId, RECORDS],
    );
    // Statistics as autovacuum would gather them after such a load.
    await client.query('ANALYZE search_entries');
    return { committeeId, indexing: Date.now() - started };
  } finally {
    await client.end();
  }
}

const SERVER_ENV = { SEED_DEMO: 'true', LOG_LEVEL: 'warn', SEARCH_REQUESTS_PER_WINDOW: '100000' };

async function benchStore(store: 'postgres' | 'embedded'): Promise<void> {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  const folders: string[] = [];
  try {
    let committeeId: string;
    let indexing: number;
    if (store === 'postgres') {
      database = await createTestDatabase('postgres');
      server = await startServer({ env: { ...SERVER_ENV, DATABASE_URL: database.url }, healthTimeoutMs: 240_000 });
      ({ committeeId, indexing } = await writeIndex(database.url));
    } else {
      // The embedded store serves one process: the server migrates and seeds its own store and
      // stops; the index is written into a copy of it here; a second server starts on that copy.
      const seeded = await mkdtemp(join(tmpdir(), 'sidang-bench-search-'));
      folders.push(seeded);
      server = await startServer({ env: { ...SERVER_ENV, DATA_DIR: seeded }, healthTimeoutMs: 240_000 });
      await server.stop();
      const copy = await createEmbeddedDatabase(join(seeded, 'pg'));
      database = copy;
      ({ committeeId, indexing } = await writeIndex(copy.url));
      await copy.stop();
      server = await startServer({ env: { ...SERVER_ENV, DATA_DIR: dirname(copy.dataDir) }, healthTimeoutMs: 240_000 });
    }
    const { accessToken } = await login(server.url, DEMO_USERS.member);
    const search = async (q: string): Promise<number> => {
      const result = await api<SearchResponse>(
        server?.url as string,
        accessToken,
        'GET',
        `/api/search?${new URLSearchParams({ q, committeeId })}`,
      );
      if (result.status !== 200) throw new Error(`search for ${q} answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result.body.items.length;
    };
    const timings: Record<string, number> = {};
    for (const q of QUERIES) {
      await search(q);
      const t0 = performance.now();
      let found = 0;
      for (let run = 0; run < RUNS; run++) found = await search(q);
      timings[`${q} (${found} results)`] = Math.round(((performance.now() - t0) / RUNS) * 10) / 10;
    }
    if (Object.keys(timings).every((key) => key.includes('(0 results)')))
      throw new Error('every query found nothing: the bench measures no search');
    console.log(`search on ${store}: ${RECORDS} records indexed in ${indexing} ms; mean ms per request: ${JSON.stringify(timings)}`);
  } catch (error) {
    if (server) console.error(`Server output (tail):\n${server.logs().slice(-4_000)}`);
    throw error;
  } finally {
    await server?.stop();
    await database?.drop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
}

for (const store of STORES) await benchStore(store);
