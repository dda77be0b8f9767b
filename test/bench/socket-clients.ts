/**
 * A pool of socket.io clients in a process of its own, driven by the bench over IPC (`fork`
 * with `--import tsx`). The bench's servers and their clients then do not share one event
 * loop: a client's receipt time is not delayed by the other clients' decoding in the same
 * process more than in a real meeting room.
 *
 * Messages in: `{ type: 'connect', url, tokens, committeeId, count, bare, affinity? }` opens `count`
 * sockets (tokens taken in turn; `bare`: the baseline server, no auth; `affinity`: through nginx,
 * each socket asks for `?affinity=<affinity><index>`, which spreads them over the nodes) and subscribes each;
 * `{ type: 'expect', key }` starts timing receipts of one event (its `entityId@version`, or its seq
 * for the baseline); `{ type: 'report' }` asks for the receipts; `{ type: 'close' }` ends.
 * Receipt times are epoch milliseconds with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`), comparable across processes on one machine.
 */
import { performance } from 'node:perf_hooks';
import type { EventEnvelope } from '@sidang/shared';
import { io, type Socket } from 'socket.io-client';

type In =
  | { type: 'connect'; url: string; tokens: string[]; committeeId: string; count: number; bare: boolean; affinity?: string }
  | { type: 'expect'; key: string }
  | { type: 'report' }
  | { type: 'close' };

const sockets: Socket[] = [];
/** Per expected key: receipts (epoch ms), and how many arrived more than once. Told `got` once every socket has it. */
const receipts = new Map<string, number[]>();
const seen = new Map<string, Set<number>>();
let duplicates = 0;
let sample: EventEnvelope | undefined;
const BATCH = 25;

const epochNow = () => performance.timeOrigin + performance.now();
const send = (message: object) => process.send?.(message);

function keyOf(envelope: EventEnvelope, bare: boolean): string {
  return bare ? String(envelope.seq) : `${envelope.entityId}@${envelope.version}`;
}

async function open(message: Extract<In, { type: 'connect' }>): Promise<void> {
  for (let start = 0; start < message.count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, message.count - start) }, async (_, offset) => {
      const index = start + offset;
      const socket = io(message.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: 30_000,
        ...(message.bare ? {} : { auth: { token: message.tokens[index % message.tokens.length] } }),
        ...(message.affinity === undefined ? {} : { query: { affinity: `${message.affinity}${index}` } }),
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      socket.on('event', (envelope: EventEnvelope) => {
        const at = epochNow();
        sample ??= envelope;
        const key = keyOf(envelope, message.bare);
        const times = receipts.get(key);
        if (!times) return;
        const clients = seen.get(key) ?? new Set<number>();
        if (clients.has(index)) {
          duplicates += 1;
          return;
        }
        clients.add(index);
        seen.set(key, clients);
        times.push(at);
        if (times.length === sockets.length) send({ type: 'got', key });
      });
      const ack = (await socket.timeout(30_000).emitWithAck('subscribe', { committeeId: message.committeeId })) as { ok: boolean };
      if (!ack.ok) throw new Error('subscribe refused');
    });
    await Promise.all(batch);
  }
}

process.on('message', (message: In) => {
  if (message.type === 'connect') {
    open(message).then(
      () => send({ type: 'ready', count: sockets.length }),
      (error: Error) => send({ type: 'error', message: error.message }),
    );
  } else if (message.type === 'expect') {
    receipts.set(message.key, []);
  } else if (message.type === 'report') {
    send({ type: 'report', receipts: Object.fromEntries(receipts), duplicates, sample });
    receipts.clear();
    seen.clear();
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
});
send({ type: 'started' });
