/**
 * Factories: a test builds the world it needs instead of leaning on the demo seed.
 *
 * People, committees and memberships are rows written straight through the app's TypeORM
 * repositories (they are not records of the change pipeline); records are created through the
 * HTTP API, so they travel the same pipeline (transaction, event row, relay) as in production.
 */
import { randomBytes } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ActionItem, Classification, LoginResponse, Role } from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { CommitteeEntity } from '../../../server/src/access/committee.entity.js';
import { MembershipEntity } from '../../../server/src/access/membership.entity.js';
import { UserEntity } from '../../../server/src/access/user.entity.js';
import { hashPassword } from '../../../server/src/auth/auth.service.js';
import type { Session, TestApp } from './harness.js';

/** Password of every factory-made user. */
export const FACTORY_PASSWORD = 'factory-password';

/** Hashed once per test file: argon2 is deliberately slow. */
let passwordHash: Promise<string> | undefined;

let serial = 0;
/** A short token that makes names, codes and e-mail addresses unique across a run. */
export function unique(prefix: string): string {
  serial += 1;
  return `${prefix}-${serial}-${randomBytes(3).toString('hex')}`;
}

function dataSourceOf(app: TestApp): DataSource {
  return app.app.get<DataSource>(getDataSourceToken());
}

export interface UserOptions {
  clearance?: Classification;
  agency?: string;
  name?: string;
  isAdmin?: boolean;
}

/** A signed-in user: the row and a live access token. */
export interface TestUser extends Session {
  id: string;
  email: string;
  clearance: Classification;
}

/** A user with `clearance` (default OPEN), signed in over the real login endpoint. */
export async function aUser(app: TestApp, options: UserOptions = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const clearance = options.clearance ?? 'OPEN';
  const email = `${unique(clearance.toLowerCase())}@factory.test`;
  const user = await dataSourceOf(app)
    .getRepository(UserEntity)
    .save({
      email,
      passwordHash: await passwordHash,
      name: options.name ?? `Test user (${clearance})`,
      agency: options.agency ?? 'MITI',
      clearance,
      locale: 'en',
      isAdmin: options.isAdmin ?? false,
    });
  const login = await app.request<LoginResponse>('POST', '/api/auth/login', undefined, { email, password: FACTORY_PASSWORD });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { ...login.body, token: login.body.accessToken, id: user.id, email, clearance };
}

export interface CommitteeOptions {
  name?: string;
  parentId?: string | null;
}

/** An empty committee with no members. */
export async function aCommittee(app: TestApp, options: CommitteeOptions = {}): Promise<{ id: string; code: string; name: string }> {
  const code = unique('TC').toUpperCase();
  const name = options.name ?? `Test committee ${code}`;
  const saved = await dataSourceOf(app)
    .getRepository(CommitteeEntity)
    .save({ code, name, nameMs: `Jawatankuasa ujian ${code}`, parentId: options.parentId ?? null });
  return { id: saved.id, code, name };
}

/** Puts `user` in `committee` with `role` (default member). */
export async function aMembership(app: TestApp, committee: { id: string }, user: { id: string }, role: Role = 'member'): Promise<void> {
  await dataSourceOf(app).getRepository(MembershipEntity).save({ committeeId: committee.id, userId: user.id, role });
}

/** An action item created over the API by `author` (a chair or secretariat of the committee). */
export async function anActionItem(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<Pick<ActionItem, 'title' | 'description' | 'classification' | 'status' | 'priority' | 'dueDate' | 'ownerIds'>> = {},
): Promise<ActionItem> {
  return app.createItem(author.token, committee.id, { title: unique('Action item'), ...fields });
}
