/** Jest globalTeardown of the `integration-embedded` project: removes the template store. */
import { rm } from 'node:fs/promises';

export default async function teardown() {
  const root = globalThis.__sidangStoreTemplate;
  if (root) await rm(root, { recursive: true, force: true });
}
