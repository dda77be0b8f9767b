import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Something the test files of one run share, such as a seeded template database: made by
 * whichever file asks first, in `tmpdir()/sidang-seed-<run>-<name>` (a folder that
 * with-test-db.mjs removes at the end of the run), and read by the others from the record `build`
 * returned (JSON). Jest runs files in several worker processes, so the folder is the lock and the
 * others wait for the record. Undefined without a run id (`SIDANG_TEST_RUN`, set by
 * with-test-db.mjs), or when building failed or took longer than `waitMs`: callers then do without.
 */
export async function oncePerRun<T>(
  name: string,
  build: (folder: string, run: string) => Promise<T>,
  waitMs = 300_000,
): Promise<T | undefined> {
  const run = process.env.SIDANG_TEST_RUN;
  if (!run || !/^[0-9a-f]+$/.test(run)) return undefined;
  const folder = join(tmpdir(), `sidang-seed-${run}-${name}`);
  const recordFile = join(folder, 'template.json');
  let builder = false;
  try {
    await mkdir(folder);
    builder = true;
  } catch {
    // Someone else builds it.
  }
  if (builder) {
    try {
      await writeFile(recordFile, JSON.stringify({ built: await build(folder, run) }));
    } catch (error) {
      await writeFile(recordFile, JSON.stringify({ failed: String(error) }));
    }
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const record = await readFile(recordFile, 'utf8').then(
      (text) => JSON.parse(text) as { built?: T; failed?: string },
      () => undefined,
    );
    if (record) return record.built;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
