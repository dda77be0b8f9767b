/**
 * Jest setup file (after the framework) of the `integration-embedded` project: the test files of
 * that project run on the embedded store (`createTestDatabase()` reads TEST_STORE when a
 * `beforeAll` calls it). Jest gives each test file its own copy of process.env, so the
 * PostgreSQL project running in the same workers is unaffected.
 */
import { jest } from '@jest/globals';

process.env.TEST_STORE = 'embedded';
// The project-level testTimeout is not read (only the top-level one is); an embedded store
// starts, migrates and seeds slower than a PostgreSQL database, so hooks get a minute.
jest.setTimeout(60_000);
