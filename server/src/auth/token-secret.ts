import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const TOKEN_SECRET = Symbol('TOKEN_SECRET');

/**
 * The configured JWT_SECRET, or one generated on first start and kept in the database so
 * that every instance and every restart signs with the same key.
 */
export async function resolveTokenSecret(dataSource: DataSource, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = randomBytes(48).toString('base64url');
  await dataSource.query(`INSERT INTO app_settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`, [candidate]);
  const rows: Array<{ value: string }> = await dataSource.query(`SELECT value FROM app_settings WHERE key = 'jwt_secret'`);
  const stored = rows[0]?.value;
  if (!stored) throw new Error('Could not read the token secret');
  return stored;
}
