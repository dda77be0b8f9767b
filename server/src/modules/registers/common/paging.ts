import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidFieldException } from '../../../common/errors.js';

/** A position in a list ordered by (key, id): opaque to clients. */
interface Position {
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encode(position: Position): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

function decode(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [key, id] = Array.isArray(value) && value.length === 2 ? value : [];
    // Only what a page could have produced: a key PostgreSQL can store and a well-formed UUID.
    if (typeof key === 'string' && !key.includes('\u0000') && typeof id === 'string' && UUID.test(id)) return { key, id };
  } catch {
    // Falls through to the 400 below.
  }
  throw new InvalidFieldException('cursor', 'use nextCursor from the previous page', 'invalid_format');
}

/**
 * One page of `query` ordered by `column` (a text or date column, compared as text) and then
 * id, in `direction`. Keyset paging: a page stays stable while records are added or changed.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  options: { alias: string; column: string; key: (row: T) => string; direction: 'ASC' | 'DESC'; limit: number; cursor?: string },
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const { alias, column, direction, limit } = options;
  const sortKey = `${alias}.${column}::text`;
  if (options.cursor) {
    const position = decode(options.cursor);
    const op = direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${sortKey}, ${alias}.id) ${op} (:cursorKey::text, :cursorId::uuid)`, {
      cursorKey: position.key,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(sortKey, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1)
    .getMany();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: more && last ? encode({ key: options.key(last), id: last.id }) : null };
}
