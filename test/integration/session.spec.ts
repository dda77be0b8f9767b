import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from './support/db.js';
import { type Session, TestApp } from './support/harness.js';

describe('live sessions follow changes of clearance and membership', () => {
  let app: TestApp;
  let chair: Session;
  let committeeId: string;

  beforeAll(async () => {
    app = await TestApp.start({ SESSION_RECHECK_MS: '200' });
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
  });

  afterAll(async () => {
    await app.close();
  });

  it('should re-scope a socket whose user lost clearance, before anything above it is sent', async () => {
    const member = await app.login('member');
    const client = await app.connect(member.token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    // Positive control: a reader still cleared for CONFIDENTIAL, subscribed the same way.
    const cleared = await app.connect(chair.token);
    expect((await cleared.subscribe(committeeId)).ok).toBe(true);
    const told = new Promise<unknown>((resolve) => client.socket.once('access-changed', resolve));

    await sql(app).dataSource.query(`UPDATE users SET clearance = 'OPEN' WHERE id = $1`, [member.user.id]);
    expect(await told).toEqual({ reason: 'clearance-changed', committeeId: null, clearance: 'OPEN' });

    const confidential = await app.createItem(chair.token, committeeId, {
      title: 'Confidential after the downgrade',
      classification: 'CONFIDENTIAL',
    });
    await cleared.waitFor((events) => events.some((e) => e.entityId === confidential.id));
    cleared.disconnect();
    const open = await app.createItem(chair.token, committeeId, { title: 'Open marker' });
    // Positive control: the same socket still receives what OPEN may see.
    await client.waitFor((events) => events.some((e) => e.entityId === open.id));
    expect(client.events.map((e) => (e.data as { title?: string }).title)).toEqual(['Open marker']);
    expect(client.socket.connected).toBe(true);
  });

  it('should stop delivering a committee to a socket whose user left it', async () => {
    const nres = await app.login('nres');
    const client = await app.connect(nres.token);
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    // Positive control: a member who stays, subscribed the same way.
    const staying = await app.connect(chair.token);
    expect((await staying.subscribe(committeeId)).ok).toBe(true);
    const left = new Promise<unknown>((resolve) => client.socket.once('access-changed', resolve));
    await sql(app).dataSource.query('DELETE FROM memberships WHERE user_id = $1 AND committee_id = $2', [nres.user.id, committeeId]);
    // The session re-check (every 200 ms here) notices the removal and tells the socket.
    expect(await left).toEqual({ reason: 'membership-removed', committeeId });

    const after = await app.createItem(chair.token, committeeId, { title: 'After leaving' });
    await staying.waitFor((events) => events.some((e) => e.entityId === after.id));
    await client.delivered();
    expect(client.events).toEqual([]);
    expect(client.socket.connected).toBe(true);
    staying.disconnect();
  });
});
