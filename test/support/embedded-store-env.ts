/**
 * Jest setup file of the `integration-embedded` project: the test files of that project run on
 * the embedded store (`createTestDatabase()` reads TEST_STORE). Jest gives each test file its
 * own copy of process.env, so the PostgreSQL project running in the same workers is unaffected.
 */
process.env.TEST_STORE = 'embedded';
