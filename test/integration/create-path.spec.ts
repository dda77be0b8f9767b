import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AdminUser } from '@sidang/shared';
import { DataSource } from 'typeorm';
import { SessionEvents } from '../../server/src/auth/session-events.js';
import { currentLogContext } from '../../server/src/common/request-context.js';
import { type Session, TestApp, until } from './support/harness.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The statements the app sends to the database while serving the request with `requestId`. */
function statementsOf(app: TestApp): (requestId: string) => string[] {
  const seen = new Map<string, string[]>();
  const logger = app.app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    const requestId = currentLogContext()?.requestId;
    if (requestId) seen.set(requestId, [...(seen.get(requestId) ?? []), query]);
    return logQuery(query, parameters, runner);
  };
  return (requestId) => seen.get(requestId) ?? [];
}

/** The statements the app sends while running background `job`s (their text). */
function jobStatements(app: TestApp, job: string): string[] {
  const seen: string[] = [];
  const logger = app.app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    if (currentLogContext()?.job === job) seen.push(query);
    return logQuery(query, parameters, runner);
  };
  return seen;
}

/** Creates an action item with a request id of our own; answers the status and that id. */
async function create(app: TestApp, token: string, committeeId: string, fields: Record<string, unknown> = {}) {
  const requestId = randomUUID();
  const response = await fetch(`${app.url}/api/committees/${committeeId}/action-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify({ title: `Create path ${requestId}`, ...fields }),
  });
  await response.arrayBuffer();
  return { status: response.status, requestId };
}

describe('the create path', () => {
  let app: TestApp;
  let chair: Session;
  let admin: Session;
  let committeeId: string;
  let statements: (requestId: string) => string[];

  beforeAll(async () => {
    app = await TestApp.start();
    [chair, admin] = await Promise.all([app.login('chair'), app.login('admin')]);
    committeeId = (await app.committees(chair.token)).main.id;
    statements = statementsOf(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("should write a create in one transaction of four statements, the session's account and membership read once", async () => {
    const secretariat = await app.login('secretariat');
    const first = await create(app, secretariat.token, committeeId);
    const second = await create(app, secretariat.token, committeeId);
    expect([first.status, second.status]).toEqual([201, 201]);
    // Positive control: the first create of the session reads its session, account and membership.
    expect(statements(first.requestId).join('\n')).toMatch(/FROM sessions[\s\S]*"memberships"/);
    // The second reuses them: the record's INSERT … RETURNING, then the change (seq, event, audit, scope, search).
    const sent = statements(second.requestId).map(
      (sql) => /^\s*(START TRANSACTION|INSERT INTO "\w+"|WITH prev AS|COMMIT)/.exec(sql)?.[1] ?? sql,
    );
    expect(sent).toEqual(['START TRANSACTION', 'INSERT INTO "action_items"', 'WITH prev AS', 'COMMIT']);
  });

  it('should apply a changed role and a lowered clearance to the very next request of a live session', async () => {
    const secretariat = await app.login('secretariat');
    expect((await create(app, secretariat.token, committeeId)).status).toBe(201);
    // Demoted: may no longer create (the session's membership was read a moment ago).
    const demoted = await app.request('PUT', `/api/committees/${committeeId}/members/${secretariat.user.id}`, chair.token, {
      role: 'observer',
    });
    expect(demoted.status).toBe(200);
    try {
      expect((await create(app, secretariat.token, committeeId)).status).toBe(403);
    } finally {
      const restored = await app.request('PUT', `/api/committees/${committeeId}/members/${secretariat.user.id}`, chair.token, {
        role: 'secretariat',
      });
      expect(restored.status).toBe(200);
    }
    expect((await create(app, secretariat.token, committeeId)).status).toBe(201);

    // Cleared for SECRET a moment ago; lowered to OPEN, a CONFIDENTIAL create is above them at once.
    expect((await create(app, secretariat.token, committeeId, { classification: 'CONFIDENTIAL' })).status).toBe(201);
    const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
    const record = users.body.find((user) => user.id === secretariat.user.id) as AdminUser;
    const lowered = await app.request<AdminUser>('PATCH', `/api/admin/users/${secretariat.user.id}`, admin.token, {
      version: record.version,
      clearance: 'OPEN',
    });
    expect(lowered.status).toBe(200);
    try {
      expect((await create(app, secretariat.token, committeeId, { classification: 'CONFIDENTIAL' })).status).toBe(400);
    } finally {
      const raised = await app.request('PATCH', `/api/admin/users/${secretariat.user.id}`, admin.token, {
        version: lowered.body.version,
        clearance: record.clearance,
      });
      expect(raised.status).toBe(200);
    }
    expect((await create(app, secretariat.token, committeeId, { classification: 'CONFIDENTIAL' })).status).toBe(201);
  });
});

/** Resolves when `app` is told (by Redis) that an account, a membership or a committee changed. */
function accessChangeOn(app: TestApp): Promise<void> {
  return new Promise((resolve) => {
    const subscription = app.app.get(SessionEvents).accessChanged$.subscribe(() => {
      subscription.unsubscribe();
      resolve();
    });
  });
}

describe('the create path on two instances', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await TestApp.start({ REDIS_URL });
    second = await first.startPeer({ SEED_DEMO: 'false' });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should apply a role changed on one instance to the next request on the other, once Redis tells it', async () => {
    const [chair, secretariat] = await Promise.all([first.login('chair'), first.login('secretariat')]);
    const committeeId = (await first.committees(chair.token)).main.id;
    // Read (and kept) on the second instance.
    expect((await create(second, secretariat.token, committeeId)).status).toBe(201);
    const demotedThere = accessChangeOn(second);
    const demoted = await first.request('PUT', `/api/committees/${committeeId}/members/${secretariat.user.id}`, chair.token, {
      role: 'observer',
    });
    expect(demoted.status).toBe(200);
    await demotedThere;
    const restoredThere = accessChangeOn(second);
    try {
      expect((await create(second, secretariat.token, committeeId)).status).toBe(403);
    } finally {
      await first.request('PUT', `/api/committees/${committeeId}/members/${secretariat.user.id}`, chair.token, { role: 'secretariat' });
    }
    // Positive control: restored, the same session creates there again.
    await restoredThere;
    const again = await create(second, secretariat.token, committeeId);
    expect(again.status).toBe(201);
  });
});

describe('notifications derived after a create', () => {
  let app: TestApp;

  beforeAll(async () => {
    // No sweep during the test: every read of the log is one a commit asked for.
    app = await TestApp.start({ RELAY_SWEEP_MS: '600000' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("should read only the committed committee's log after a commit, and still tell the owner", async () => {
    const [chair, member] = await Promise.all([app.login('chair'), app.login('member')]);
    const committeeId = (await app.committees(chair.token)).main.id;
    const consumer = jobStatements(app, 'notifications');
    const items = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => app.createItem(chair.token, committeeId, { title: `Assigned ${n}`, ownerIds: [member.user.id] })),
    );
    // Positive control: each assignment reaches its owner.
    await until(async () => {
      const mine = await app.request<{ items: Array<{ entityId: string }> }>('GET', '/api/notifications?unread=true', member.token);
      return items.every((item) => mine.body.items.some((n) => n.entityId === item.id));
    }, 'the five assignments notified');
    expect(consumer.some((sql) => sql.includes('FOR UPDATE SKIP LOCKED'))).toBe(true);
    // Not every committee's cursor: the committee each commit named.
    expect(consumer.filter((sql) => sql.includes('notification_cursors c ON c.committee_id'))).toEqual([]);
  });
});
