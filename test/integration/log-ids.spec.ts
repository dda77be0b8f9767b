import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem } from '@sidang/shared';
import { MailWorker } from '../../server/src/modules/notifications/mail-worker.js';
import { unique } from './support/factories.js';
import { type Session, TestApp, until } from './support/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Line = Record<string, unknown>;

/** Log lines the app wrote (LOG_FORMAT=json), parsed. */
class LogLines {
  readonly lines: Line[] = [];
  readonly destination = {
    write: (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Line);
    },
  };
  where(test: (line: Line) => boolean): Line[] {
    return this.lines.filter(test);
  }
}

/**
 * Ids beyond HTTP requests: each socket message handled, each emit of a change by the relay
 * (with the id of the request that wrote it) and each run of background work has an id in its
 * log lines (LOG_LEVEL=debug shows the lines that name them).
 */
describe('request and job ids in socket handling, the relay and background work', () => {
  const logs = new LogLines();
  let app: TestApp;
  let chair: Session;
  let committeeId: string;

  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }, undefined, { logDestination: logs.destination });
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('should give each socket message an id of its own, in its log lines and in a refusing acknowledgement', async () => {
    const client = await app.connect(chair.token);
    const refused = (await client.subscribe('not-a-committee')) as { ok: boolean; requestId?: string };
    expect(refused).toEqual({ ok: false, error: expect.any(String), code: 'invalid', requestId: expect.stringMatching(UUID) });
    const stranger = (await client.subscribe('00000000-0000-4000-8000-000000000000')) as { ok: boolean; requestId?: string };
    expect(stranger).toMatchObject({ ok: false, code: 'not-member', requestId: expect.stringMatching(UUID) });
    expect(stranger.requestId).not.toBe(refused.requestId);
    for (const id of [refused.requestId, stranger.requestId]) {
      const lines = logs.where((line) => line.requestId === id);
      expect(lines.map((line) => [line.context, line.msg])).toContainEqual(['Socket', `subscribe from socket ${client.socket.id}`]);
    }
    // Positive control: an acknowledgement that accepts is as the contract says, with no id in it.
    expect(await client.subscribe(committeeId)).toEqual({ ok: true, seq: expect.any(Number) });
  });

  it('should log the relay’s emit of a change with the id of the request that wrote it', async () => {
    const client = await app.connect(chair.token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    const requestId = unique('write');
    const response = await fetch(`${app.url}/api/committees/${committeeId}/action-items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ title: `Logged ${requestId}` }),
    });
    expect(response.status).toBe(201);
    const item = (await response.json()) as ActionItem;
    await client.waitForEntity(item.id);
    const relayed = await until(
      () => logs.where((line) => line.context === 'EventRelay' && String(line.msg).includes(item.id)),
      'the relay’s line',
    );
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.every((line) => line.requestId === requestId)).toBe(true);
    // The write's own request line carries the same id.
    expect(logs.where((line) => line.requestId === requestId && line.msg === 'request completed')).toHaveLength(1);
  });

  it('should give each run of background work a job id of its own, never a request’s', async () => {
    // The notification deriver ran after the write above; the mail outbox runs when asked.
    await app.app.get(MailWorker).sendDue();
    for (const job of ['notifications', 'mail-outbox']) {
      const lines = await until(() => {
        const found = logs.where((line) => line.job === job);
        return found.some((line) => String(line.msg).includes('finished')) && found;
      }, `a finished run of ${job}`);
      const jobIds = new Set(lines.map((line) => line.jobId));
      for (const jobId of jobIds) expect(jobId).toMatch(UUID);
      const run = lines.find((line) => String(line.msg).includes('finished'));
      expect(lines.filter((line) => line.jobId === run?.jobId).map((line) => line.msg)).toEqual([
        `${job} started`,
        expect.stringMatching(new RegExp(`^${job} finished in \\d+ ms$`)),
      ]);
      expect(lines.every((line) => line.requestId === undefined)).toBe(true);
    }
  });
});
