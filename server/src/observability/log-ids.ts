import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { currentLogContext, type RequestContext, runInLogContext } from '../common/request-context.js';

const jobs = new Logger('Job');
const sockets = new Logger('Socket');

/** Whether the lines that mark each socket message and job run are written (LOG_LEVEL debug or trace). */
let marking = false;

/** Set once the process's log level is known (createApp): the marking lines cost nothing otherwise. */
export function markMessagesAndJobs(logLevel: string): void {
  marking = logLevel === 'debug' || logLevel === 'trace';
}

/**
 * One run of background work (a sweep, the mail outbox, resolution closing): every log line
 * written while it runs carries its own `jobId` (and `job`, its kind), never the id of a request
 * that happened to start it. Lines at debug level mark its start and end.
 */
export function runJob<T>(job: string, fn: () => Promise<T>): Promise<T> {
  return runInLogContext({ jobId: randomUUID(), job }, async () => {
    if (!marking) return fn();
    const began = Date.now();
    jobs.debug(`${job} started`);
    try {
      return await fn();
    } finally {
      jobs.debug(`${job} finished in ${Date.now() - began} ms`);
    }
  });
}

/** Runs `fn` outside any request or job (work that serves everyone, started by whoever came first). */
export function outsideLogContext<T>(fn: () => T): T {
  return runInLogContext({}, fn);
}

const tagged = new WeakSet<Server>();

/**
 * Every message a socket sends is handled as a request of its own: it gets a new request id,
 * which every log line written while handling it carries, and an acknowledgement that refuses
 * (`{ ok: false, … }`) carries it as `requestId`, for the person to quote. A debug line names
 * the message (its event, never its content).
 */
export function tagSocketMessages(server: Server): void {
  if (tagged.has(server)) return;
  tagged.add(server);
  server.on('connection', (socket: Socket) => {
    socket.use((packet, next) => {
      const requestId = randomUUID();
      const last = packet.length - 1;
      const ack = packet[last];
      if (last > 0 && typeof ack === 'function') {
        packet[last] = (answer: unknown, ...rest: unknown[]) =>
          (ack as (...args: unknown[]) => void)(
            answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === false ? { ...answer, requestId } : answer,
            ...rest,
          );
      }
      runInLogContext({ requestId }, () => {
        if (marking) sockets.debug(`${String(packet[0])} from socket ${socket.id}`);
        next();
      });
    });
  });
}

/** Own commits remembered for the relay; past this many, the oldest are forgotten. */
const ORIGINS_KEPT = 5_000;

/** The request (or job) a log context names, without anything else it holds. */
function originOf(context: RequestContext | undefined): RequestContext | undefined {
  if (context?.requestId) return { requestId: context.requestId };
  if (context?.jobId) return { jobId: context.jobId, job: context.job };
  return undefined;
}

/**
 * The request (or job) of each of this instance's own commits, from the commit to the relay's
 * emit of its event, by committee and seq. In memory: an event committed on another instance is
 * relayed here without one.
 */
export class WriteOrigins {
  private readonly byEvent = new Map<string, RequestContext>();

  /** Notes what is being done here (a request or a job), if anything, as the origin of `seqs` of the committee. */
  note(committeeId: string, seqs: Iterable<number>): void {
    const origin = originOf(currentLogContext());
    if (!origin) return;
    for (const seq of seqs) this.byEvent.set(`${committeeId}:${seq}`, origin);
    for (const key of this.byEvent.keys()) {
      if (this.byEvent.size <= ORIGINS_KEPT) break;
      this.byEvent.delete(key);
    }
  }

  /** Runs `fn` in the context of the event's origin (once) if this instance noted one, else in none. */
  within<T>(committeeId: string, seq: number, fn: () => T): T {
    const key = `${committeeId}:${seq}`;
    const origin = this.byEvent.get(key);
    if (origin !== undefined) this.byEvent.delete(key);
    return runInLogContext(origin ?? {}, fn);
  }
}
