import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROTOCOL_VERSION } from '@sidang/shared';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { EventRelay } from '../../server/src/realtime/event-relay.js';
import { SOCKET_MAX_FRAME_BYTES } from '../../server/src/realtime/socket-limits.js';
import { type Session, TestApp, until } from './support/harness.js';

/** Every spelling of a UUID in upper and lower case letters (2^letters of them). */
function caseVariants(id: string, count: number, seed: number): string[] {
  return fc.sample(
    fc
      .array(fc.boolean(), { minLength: id.length, maxLength: id.length })
      .map((upper) => [...id].map((char, index) => (upper[index] ? char.toUpperCase() : char)).join('')),
    { numRuns: count, seed },
  );
}

/** Connects with this handshake `auth`; resolves to the connected socket or to the refusal's `connect_error`. */
function handshake(url: string, auth: Record<string, unknown>) {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise<{ socket: typeof socket; error?: Error & { data?: unknown } }>((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error: Error & { data?: unknown }) => resolve({ socket, error }));
  });
}

describe('socket protocol under hostile use', () => {
  let app: TestApp;
  let chair: Session;
  let observer: Session;
  let committeeId: string;
  let workingGroupId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    chair = await app.login('chair');
    observer = await app.login('observer');
    const committees = await app.committees(chair.token);
    committeeId = committees.main.id;
    workingGroupId = committees.workingGroup?.id as string;
  });

  afterAll(async () => {
    await app.close();
  });

  it('should treat every letter case of a committee id as one subscription: one room, one cursor, one delivery', async () => {
    const relay = app.app.get(EventRelay);
    const client = await app.connect(observer.token);
    const variants = caseVariants(committeeId, 300, 42);
    // 300 subscriptions at once: what is checked is one room and one cursor, not how fast the
    // acknowledgements come (on the embedded store each is a query on its one connection).
    const acks = await Promise.all(variants.map((id) => client.subscribe(id, 30_000)));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    expect(relay.cursorCount).toBe(1);
    expect(relay.committeeRoomCount).toBe(1);

    const item = await app.createItem(chair.token, committeeId, { title: 'Delivered once' });
    await client.waitFor((events) => events.some((e) => e.entityId === item.id));
    await client.delivered();
    expect(client.events.filter((e) => e.entityId === item.id)).toHaveLength(1);

    client.disconnect();
    // The server handles the close on its own time: until it has, the cursor and the room stay.
    await until(() => relay.cursorCount === 0 && relay.committeeRoomCount === 0, 'the closed socket released');
    expect(relay.cursorCount).toBe(0);
    expect(relay.committeeRoomCount).toBe(0);
  });

  it('should stay bounded and alive through a seeded fuzz of unknown events, odd payloads and oversized frames', async () => {
    const relay = app.app.get(EventRelay);
    const client = await app.connect(observer.token);
    const payloads = fc.sample(
      fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record({ committeeId: fc.oneof(fc.uuid(), fc.string(), fc.integer(), fc.constant(committeeId.toUpperCase())) }),
        fc.record({ committeeId: fc.constant(workingGroupId) }),
      ),
      { numRuns: 200, seed: 7 },
    );
    const names = fc.sample(fc.constantFrom('subscribe', 'unsubscribe', 'presence:join', 'nope', '__proto__', 'event'), {
      numRuns: 200,
      seed: 8,
    });
    await Promise.all(
      payloads.map((payload, index) =>
        client.socket
          .timeout(2_000)
          .emitWithAck(names[index] as string, payload)
          .catch(() => undefined),
      ),
    );
    // A frame over the server's limit closes that socket only.
    const big = await app.connect(observer.token);
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.socket.emit('subscribe', { committeeId, padding: 'x'.repeat(SOCKET_MAX_FRAME_BYTES + 1024) });
    expect(await closed).toBeTruthy();

    expect(relay.cursorCount).toBeLessThanOrEqual(1);
    expect(relay.committeeRoomCount).toBeLessThanOrEqual(1);
    const health = await app.request('GET', '/api/health');
    expect(health.status).toBe(200);
    // The fuzzed socket still works: a subscription receives live changes.
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    const item = await app.createItem(chair.token, committeeId, { title: 'After the fuzz' });
    await client.waitFor((events) => events.some((e) => e.entityId === item.id));
    client.disconnect();
  });

  it('should answer unsubscribe with a change counter only for a committee the socket holds', async () => {
    const client = await app.connect(observer.token);
    // The observer is not in the working group: no counter, whatever the spelling.
    const foreign = await client.socket.timeout(5_000).emitWithAck('unsubscribe', { committeeId: workingGroupId.toUpperCase() });
    expect(foreign).toEqual({ ok: false, error: expect.any(String), code: 'not-member', requestId: expect.any(String) });
    // Positive control: a committee it subscribed to answers with its counter.
    expect((await client.subscribe(committeeId)).ok).toBe(true);
    const own = await client.socket.timeout(5_000).emitWithAck('unsubscribe', { committeeId });
    expect(own).toEqual({ ok: true, seq: expect.any(Number) });
    client.disconnect();
  });

  it('should refuse a handshake that names another protocol version, with the code the app shows as "reload"', async () => {
    for (const protocol of [PROTOCOL_VERSION - 1, PROTOCOL_VERSION + 1, String(PROTOCOL_VERSION), null, 'x'.repeat(10_000)]) {
      const { socket, error } = await handshake(app.url, { token: observer.token, protocol });
      expect(socket.connected).toBe(false);
      expect(error?.data).toEqual({ code: 'protocol_mismatch', protocol: PROTOCOL_VERSION });
      expect(error?.message.length).toBeLessThan(200);
      socket.close();
    }
    // A good token does not make up for the wrong protocol, nor a bad one pass with the right protocol.
    const { socket, error } = await handshake(app.url, { token: 'not-a-token', protocol: PROTOCOL_VERSION });
    expect(error?.data).not.toEqual(expect.objectContaining({ code: 'protocol_mismatch' }));
    expect(error?.message).toMatch(/unauthorized/);
    socket.close();
  });

  it('should serve a handshake that names this protocol version, and one that names none (scripts: the contract is `auth: { token }`)', async () => {
    for (const auth of [{ token: observer.token, protocol: PROTOCOL_VERSION }, { token: observer.token }]) {
      const { socket, error } = await handshake(app.url, auth);
      expect(error).toBeUndefined();
      expect(socket.connected).toBe(true);
      const ack = await socket.timeout(5_000).emitWithAck('subscribe', { committeeId });
      expect(ack).toEqual({ ok: true, seq: expect.any(Number) });
      // It is served: a change arrives live.
      const title = `Protocol ${Object.keys(auth).join('+')}`;
      const arrived = new Promise<void>((resolve) => {
        socket.on('event', (envelope: { data?: { title?: string } }) => {
          if (envelope.data?.title === title) resolve();
        });
      });
      await app.createItem(chair.token, committeeId, { title });
      await arrived;
      socket.close();
    }
  });
});
