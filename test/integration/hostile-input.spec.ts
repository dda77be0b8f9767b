import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { type Session, TestApp } from './support/harness.js';

/** Fixed seed: a failure replays the same inputs. */
const SEED = 20_251_126;

const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldValues = fc.oneof(
  anyJson,
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const actionItemish = fc.record(
  {
    title: fieldValues,
    description: fieldValues,
    status: fc.oneof(fc.constantFrom('open', 'done', 'DONE', 'closed', ''), fieldValues),
    priority: fieldValues,
    dueDate: fc.oneof(fc.constantFrom('2025-02-30', '2025-13-01', 'tomorrow', '99999-01-01'), fieldValues),
    ownerIds: fc.oneof(fc.array(fc.uuid()), fieldValues),
    ownerAgencies: fieldValues,
    classification: fc.oneof(fc.constantFrom('TOP SECRET', 'secret', 'SECRET'), fieldValues),
    version: fc.oneof(fc.integer({ min: -5, max: 5 }), fieldValues),
    extra: fieldValues,
  },
  { requiredKeys: [] },
);

describe('hostile input', () => {
  let app: TestApp;
  let chair: Session;
  let committeeId: string;
  let target: ActionItem;

  beforeAll(async () => {
    app = await TestApp.start();
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
    target = await app.createItem(chair.token, committeeId, { title: 'Must survive the fuzzing', description: 'intact' });
  });

  afterAll(async () => {
    await app.close();
  });

  const expectClientError = (status: number, body: unknown) => {
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    if (status >= 400) {
      expect(body).toEqual(expect.objectContaining({ statusCode: status, message: expect.any(String) }));
    }
  };

  it('should answer random create bodies with 201 or a 4xx naming the field, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(actionItemish, anyJson), async (body) => {
        const { status, body: answer } = await app.request('POST', `/api/committees/${committeeId}/action-items`, chair.token, body);
        expectClientError(status, answer);
        if (status === 400) expect((answer as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('should answer random patches with 200, 400, 403, 404 or 409, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(actionItemish, async (body) => {
        const { status, body: answer } = await app.request('PATCH', `/api/action-items/${target.id}`, chair.token, body);
        expect([200, 400, 403, 404, 409]).toContain(status);
        expectClientError(status, answer);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('should answer malformed JSON, wrong types and odd paths with 4xx', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', `/api/committees/${committeeId}/action-items`, '{"title": '],
      ['POST', `/api/committees/${committeeId}/action-items`, '[]'],
      ['POST', `/api/committees/${committeeId}/action-items`, 'null'],
      ['POST', `/api/committees/${committeeId}/action-items`, JSON.stringify({ title: 'x'.repeat(300_000) })],
      ['POST', '/api/committees/not-a-uuid/action-items', { title: 'x' }],
      ['GET', '/api/action-items/%00', undefined],
      ['GET', `/api/committees/${committeeId}/action-items?status=nope`, undefined],
      ['GET', `/api/committees/${committeeId}/action-items?overdue=maybe&owner=someone`, undefined],
      ['GET', `/api/committees/${committeeId}/events?after=-1`, undefined],
      ['GET', `/api/committees/${committeeId}/events?after=abc&limit=99999`, undefined],
      ['DELETE', `/api/action-items/${target.id}?version=x`, undefined],
      ['POST', '/api/auth/login', { email: 'not-an-email', password: 1 }],
      ['POST', '/api/auth/login', '{{{'],
    ];
    for (const [method, path, body] of cases) {
      const { status, body: answer } = await app.request(method, path, chair.token, body);
      expect([method, path, status >= 400 && status < 500]).toEqual([method, path, true]);
      expectClientError(status, answer);
    }
    const named = await app.request<{ message: string }>('POST', `/api/committees/${committeeId}/action-items`, chair.token, { title: '' });
    expect(named.body.message).toMatch(/^title: /);
    const dueDate = await app.request<{ message: string }>('POST', `/api/committees/${committeeId}/action-items`, chair.token, {
      title: 'x',
      dueDate: '2025-02-30',
    });
    expect(dueDate.status).toBe(400);
    expect(dueDate.body.message).toMatch(/dueDate/);
  });

  it('should survive random socket payloads and keep serving', async () => {
    const socket = io(app.url, { auth: { token: chair.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('subscribe', 'unsubscribe', 'event', 'nonsense'),
        fc.oneof(anyJson, fc.uuid()),
        async (name, payload) => {
          if (name === 'subscribe' || name === 'unsubscribe') {
            const ack = await socket.timeout(2_000).emitWithAck(name, payload);
            expect(ack).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
          } else {
            socket.emit(name, payload);
          }
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
    socket.emit('subscribe'); // no payload, no ack
    socket.emit('subscribe', { committeeId }, 'not-a-function');
    // One acknowledged round trip: the server has read every message above (or closed the socket).
    await socket
      .timeout(2_000)
      .emitWithAck('unsubscribe', {})
      .catch(() => undefined);
    expect(socket.connected).toBe(true);
    socket.disconnect();

    for (const auth of [{ token: 42 }, { token: { $ne: null } }, { token: 'x'.repeat(10_000) }, { token: null }]) {
      const refused = io(app.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      const outcome = await new Promise((resolve) => {
        refused.once('connect', () => resolve('connected'));
        refused.once('connect_error', (error) => resolve(error.message));
        setTimeout(() => resolve('no answer'), 5_000).unref();
      });
      expect(outcome).toMatch(/unauthorized/);
      refused.disconnect();
    }
  }, 30_000);

  it('should still be up, with the stored record intact', async () => {
    const health = await app.request('GET', '/api/health');
    expect(health.status).toBe(200);
    const { body } = await app.request<ActionItem>('GET', `/api/action-items/${target.id}`, chair.token);
    expect(body.id).toBe(target.id);
    expect(typeof body.title).toBe('string');
    expect(body.title.length).toBeGreaterThan(0);
    const { events } = await app.catchUp(chair.token, committeeId, 0);
    const versions = events.filter((e) => e.entityId === target.id).map((e) => e.version);
    expect(versions).toEqual(Array.from({ length: body.version }, (_, i) => i + 1));
  });
});
