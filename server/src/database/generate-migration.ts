/**
 * Writes a migration with the SQL that brings a database migrated to the latest migration in
 * line with the entities. Usage: `npm run migration:generate -- <Name>` with DATABASE_URL (or
 * TEST_DATABASE_URL) pointing at a PostgreSQL server; it uses a throwaway database there.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ENTITIES } from '../entities.js';
import { dataSourceOptions, openDataSource } from './data-source.js';

const name = process.argv[2] ?? 'Change';
const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `sidang_migration_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratch}`);
try {
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const dataSource = await openDataSource(dataSourceOptions(url.toString(), ENTITIES));
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    console.log('Entities and migrations agree: nothing to generate.');
  } else {
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (query: string) => `\`${query.replace(/`/g, '\\`')}\``;
    const up = sql.upQueries.map((q) => `    await runner.query(${quote(q.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await runner.query(${quote(q.query)});`)
      .join('\n');
    const file = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(runner: QueryRunner): Promise<void> {
${up}
  }

  async down(runner: QueryRunner): Promise<void> {
${down}
  }
}
`;
    const target = fileURLToPath(new URL(`../../src/database/migrations/${timestamp}-${name}.ts`, import.meta.url));
    writeFileSync(target, file);
    console.log(`Wrote ${target}; add ${className} to migrations/index.ts`);
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
}
