import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  type ClientToServerEvents,
  DOC_EVENTS,
  type DocJoinAck,
  type DocRefusalCode,
  type DocSyncAck,
  docJoinRequestSchema,
  MINUTES_EDITABLE_STATUSES,
  type ServerToClientEvents,
} from '@sidang/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Actor } from '../../access/actor.js';
import { ChangeBus } from '../../changes/change-bus.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SOCKET_MAX_FRAME_BYTES } from '../../realtime/socket-limits.js';
import { MinutesAccess } from './minutes-access.js';
import { plainTextOf } from './minutes-doc.js';
import { MinutesDocStore } from './minutes-doc.store.js';
import {
  AWARENESS_MAX_CLIENTS_PER_SOCKET,
  DocLimiter,
  encodeAwarenessEntries,
  readAwarenessEntries,
  TokenBucket,
} from './minutes-doc-limits.js';

interface DocSocketData {
  actor?: Actor;
  /** Section documents this socket joined, with the awareness client ids it speaks for in each. */
  minutesDocs?: Map<string, Set<number>>;
  /** Messages of one socket are handled in order. */
  minutesQueue?: Promise<void>;
  /** The socket's co-editing message budgets (updates and awareness apart). */
  minutesRate?: Record<RateKind, RateState>;
}

type RateKind = 'sync' | 'awareness';
interface RateState {
  bucket: TokenBucket;
  /** Messages dropped in the window that began at `since`: one doc:error per window; many are a flood. */
  dropped: number;
  since: number;
}
/** A socket that has this many times its burst dropped within one FLOOD_WINDOW_MS is cut off. */
const FLOOD_FACTOR = 10;
const FLOOD_WINDOW_MS = 10_000;
type DocSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, DocSocketData>;

/** One section document live on this instance: the Y.Doc, its awareness and the sockets in it. */
interface LiveDoc {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  sockets: Map<string, DocSocket>;
  ready: Promise<void>;
}

const ACCESS_MEMO_MS = 1_000;
const REMOTE = Symbol('remote');
/** How long after an edit a section's text is refreshed in the search index (edits meanwhile join it). */
const SEARCH_REFRESH_MS = 2_000;
/** How long a workflow step that ends editing waits for the editors' screens to send what they show. */
export const FLUSH_WAIT_MS = 2_000;

function bytesOf(message: unknown): Uint8Array | null {
  if (message instanceof Uint8Array) return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  return null;
}

function docMessage(body: unknown): { docId: string; message: Uint8Array } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { docId, message } = body as { docId?: unknown; message?: unknown };
  const parsed = docJoinRequestSchema.safeParse({ docId });
  const bytes = bytesOf(message);
  return parsed.success && bytes && bytes.length > 0 ? { docId: parsed.data.docId, message: bytes } : null;
}

/**
 * Whether an update goes on from edits the server does not have (a client typing on after its
 * words were refused): stored, it could never join the text and would stay pending for good;
 * the sender must take the server's state again instead.
 */
function continuesUnknown(doc: Y.Doc, update: Uint8Array): boolean {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.parseUpdateMeta(update).from) {
    if (clock > (known.get(client) ?? 0)) return true;
  }
  return false;
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * Co-editing of minutes sections over the app's socket.io connection (the handshake is
 * authenticated by the realtime gateway): y-protocols sync and awareness per section document.
 * Every message is checked against the user's access now; only editors' updates are applied,
 * stored and passed on.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: SOCKET_MAX_FRAME_BYTES })
export class MinutesDocGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MinutesDocGateway.name);
  private readonly docs = new Map<string, LiveDoc>();
  private readonly memo = new Map<string, { at: number; allowed: boolean }>();
  private readonly searchTimers = new Map<string, NodeJS.Timeout>();
  private unsubscribeRemote: (() => void) | undefined;
  private unsubscribeAwareness: (() => void) | undefined;
  private unsubscribeFlush: (() => void) | undefined;
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: MinutesDocStore,
    private readonly access: MinutesAccess,
    private readonly bus: ChangeBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new DocLimiter({ maxDepth: config.MINUTES_DOC_MAX_DEPTH, maxBytes: config.MINUTES_DOC_MAX_BYTES });
  }

  /** Depth and size of the section documents (the hostile-input limits). */
  private readonly limiter: DocLimiter;

  afterInit(_server: Server): void {}

  onModuleInit(): void {
    this.unsubscribeRemote = this.store.onRemoteUpdate((docId, update) => {
      const live = this.docs.get(docId);
      if (live) void live.ready.then(() => Y.applyUpdate(live.doc, update, REMOTE));
    });
    // Cursors and names of editors on other instances: read from PostgreSQL when Redis names the document.
    this.unsubscribeAwareness = this.store.onRemoteAwareness((docId) => {
      const live = this.docs.get(docId);
      if (live) void live.ready.then(() => this.applyRemoteAwareness(docId, live));
    });
    // Any change in a committee with live documents (membership, levels, status): check again.
    this.subscription = this.bus.committed$.subscribe(({ committeeId }) => void this.recheckCommittee(committeeId));
    // A workflow step on another instance: this one's editors of those documents flush too.
    this.unsubscribeFlush = this.store.onFlushRequest((docIds) => this.flushLocal(docIds, FLUSH_WAIT_MS));
  }

  onModuleDestroy(): void {
    for (const timer of this.searchTimers.values()) clearTimeout(timer);
    this.searchTimers.clear();
    this.unsubscribeRemote?.();
    this.unsubscribeAwareness?.();
    this.unsubscribeFlush?.();
    this.subscription?.unsubscribe();
    for (const live of this.docs.values()) {
      live.awareness.destroy();
      live.doc.destroy();
    }
    this.docs.clear();
  }

  /**
   * The section's text in the search index follows its document: at most one refresh per
   * SEARCH_REFRESH_MS after edits, from the stored updates (the search index only).
   */
  private scheduleSearchText(docId: string): void {
    if (this.searchTimers.has(docId)) return;
    const timer = setTimeout(() => {
      this.searchTimers.delete(docId);
      void this.store
        .read([docId])
        .then((docs) => this.store.refreshSearchText(docId, plainTextOf(docs.get(docId))))
        .catch((error: Error) => this.logger.warn(`Search text of ${docId} not refreshed: ${error.message}`));
    }, SEARCH_REFRESH_MS);
    timer.unref();
    this.searchTimers.set(docId, timer);
  }

  handleDisconnect(socket: DocSocket): void {
    for (const docId of [...(socket.data.minutesDocs?.keys() ?? [])]) this.leaveDoc(socket, docId);
  }

  @SubscribeMessage(DOC_EVENTS.join)
  async join(@ConnectedSocket() socket: DocSocket, @MessageBody() body: unknown): Promise<DocJoinAck> {
    const parsed = docJoinRequestSchema.safeParse(body);
    if (!parsed.success || !socket.data.actor) return { ok: false, code: 'invalid' };
    const { docId } = parsed.data;
    try {
      const access = await this.access.ofDoc(socket.data.actor.id, docId);
      if (!access || !socket.connected) return { ok: false, code: 'not-found' };
      const live = this.open(docId);
      await live.ready;
      if (!socket.connected) return { ok: false, code: 'not-found' };
      this.memo.set(`${socket.data.actor.id}:${docId}`, { at: Date.now(), allowed: true });
      socket.data.minutesDocs ??= new Map();
      if (!socket.data.minutesDocs.has(docId)) socket.data.minutesDocs.set(docId, new Set());
      live.sockets.set(socket.id, socket);
      // After the ack: the server's state (step 1 asks for the client's; step 2 gives ours) and who is here.
      setImmediate(() => {
        if (!live.sockets.has(socket.id)) return;
        socket.emit(DOC_EVENTS.sync, { docId, message: syncMessage((e) => syncProtocol.writeSyncStep1(e, live.doc)) });
        socket.emit(DOC_EVENTS.sync, { docId, message: syncMessage((e) => syncProtocol.writeSyncStep2(e, live.doc)) });
        const states = [...live.awareness.getStates().keys()];
        if (states.length > 0) {
          socket.emit(DOC_EVENTS.awareness, { docId, message: awarenessProtocol.encodeAwarenessUpdate(live.awareness, states) });
        }
      });
      return { ok: true, canEdit: access.canEdit };
    } catch (error) {
      this.logger.warn(`doc:join failed: ${(error as Error).message}`);
      return { ok: false, code: 'not-found' };
    }
  }

  @SubscribeMessage(DOC_EVENTS.leave)
  leave(@ConnectedSocket() socket: DocSocket, @MessageBody() body: unknown): void {
    const parsed = docJoinRequestSchema.safeParse(body);
    if (parsed.success) this.leaveDoc(socket, parsed.data.docId);
  }

  /** The returned answer is the ack of a client that asked for one (updates: stored or refused). */
  @SubscribeMessage(DOC_EVENTS.sync)
  sync(@ConnectedSocket() socket: DocSocket, @MessageBody() body: unknown): Promise<DocSyncAck | undefined> | DocSyncAck {
    const parsed = docMessage(body);
    if (!parsed) return { ok: false, code: 'invalid' };
    if (!this.admit(socket, 'sync', parsed.docId)) return { ok: false, code: 'rate-limited' };
    return new Promise((resolve) => {
      this.enqueue(socket, () =>
        this.onSync(socket, parsed.docId, parsed.message).then(resolve, (error: Error) => {
          // Not decided (the database failed or was busy): nothing kept; the client sends it again.
          resolve({ ok: false, code: 'unavailable' });
          throw error;
        }),
      );
    });
  }

  @SubscribeMessage(DOC_EVENTS.awareness)
  awareness(@ConnectedSocket() socket: DocSocket, @MessageBody() body: unknown): void {
    const parsed = docMessage(body);
    if (parsed && this.admit(socket, 'awareness', parsed.docId))
      this.enqueue(socket, () => this.onAwareness(socket, parsed.docId, parsed.message));
  }

  /** Checks every socket of a document again now (after its section, item or meeting changed). */
  async recheckDoc(docId: string): Promise<void> {
    const live = this.docs.get(docId);
    if (!live) return;
    for (const socket of [...live.sockets.values()]) {
      const actor = socket.data.actor;
      if (!actor) continue;
      this.memo.delete(`${actor.id}:${docId}`);
      if (!(await this.mayRead(socket, docId))) this.evict(socket, docId);
    }
  }

  private async recheckCommittee(committeeId: string): Promise<void> {
    try {
      for (const [docId, live] of this.docs) {
        if (live.sockets.size === 0) continue;
        const first = live.sockets.values().next().value;
        if (!first?.data.actor) continue;
        // Only documents of that committee: ask with any member socket's access record.
        const sample = await this.access.ofDoc(first.data.actor.id, docId);
        if (sample && sample.committeeId !== committeeId) continue;
        await this.recheckDoc(docId);
      }
    } catch (error) {
      this.logger.warn(`doc re-check failed: ${(error as Error).message}`);
    }
  }

  private enqueue(socket: DocSocket, work: () => Promise<void>): void {
    const previous = socket.data.minutesQueue ?? Promise.resolve();
    socket.data.minutesQueue = previous.then(work).catch((error: Error) => this.logger.warn(`doc message failed: ${error.message}`));
  }

  private async onSync(socket: DocSocket, docId: string, message: Uint8Array): Promise<DocSyncAck | undefined> {
    const live = this.docs.get(docId);
    const actor = socket.data.actor;
    if (!live || !actor || !live.sockets.has(socket.id)) return { ok: false, code: 'access' };
    const access = await this.access.ofDoc(actor.id, docId);
    if (!access) {
      this.evict(socket, docId);
      return { ok: false, code: 'access' };
    }
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      socket.emit(DOC_EVENTS.sync, {
        docId,
        message: syncMessage((e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(live.doc, stateVector));
        }),
      });
      return undefined;
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return { ok: false, code: 'invalid' };
    if (!access.canEdit) return this.refuseUpdate(socket, docId);
    const update = decoding.readVarUint8Array(decoder);
    // Only what is new to the server is stored and passed on (an empty update is two bytes).
    let fresh: Uint8Array;
    try {
      fresh = Y.diffUpdate(update, Y.encodeStateVector(live.doc));
    } catch {
      return { ok: false, code: 'invalid' };
    }
    if (fresh.byteLength <= 2) return { ok: true };
    const refusal = this.limiter.refusal(live.doc, fresh);
    if (refusal) return this.refuseHostile(socket, docId, refusal);
    if (continuesUnknown(live.doc, fresh)) return this.refuseUpdate(socket, docId);
    if ((await this.store.appendWhileEditable(docId, fresh, MINUTES_EDITABLE_STATUSES)) === null) return this.refuseUpdate(socket, docId);
    Y.applyUpdate(live.doc, fresh, socket);
    void this.store.compactIfLarge(docId);
    this.scheduleSearchText(docId);
    return { ok: true };
  }

  private async onAwareness(socket: DocSocket, docId: string, message: Uint8Array): Promise<void> {
    const live = this.docs.get(docId);
    const actor = socket.data.actor;
    // Awareness only from sockets in the document, and only while they may still see it.
    if (!live || !actor || !live.sockets.has(socket.id)) return;
    if (!(await this.access.ofDoc(actor.id, docId))) return this.evict(socket, docId);
    const entries = this.ownAwareness(socket, docId, live, message);
    if (entries === null) {
      socket.emit(DOC_EVENTS.error, { docId, code: 'invalid' });
      return;
    }
    if (entries.length === 0 || !live.sockets.has(socket.id)) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(live.awareness, encodeAwarenessEntries(entries), socket);
    } catch {
      // A malformed message changes nothing.
    }
  }

  private open(docId: string): LiveDoc {
    const existing = this.docs.get(docId);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const awareness = new awarenessProtocol.Awareness(doc);
    // The server is no participant: it has no awareness state of its own.
    awareness.setLocalState(null);
    const live: LiveDoc = {
      doc,
      awareness,
      sockets: new Map(),
      ready: this.store.read([docId]).then(async (state) => {
        const stored = state.get(docId);
        if (stored) Y.applyUpdate(doc, stored, REMOTE);
        await this.applyRemoteAwareness(docId, live);
      }),
    };
    live.ready.catch(() => this.docs.delete(docId));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = syncMessage((e) => syncProtocol.writeUpdate(e, update));
      void this.broadcast(docId, live, DOC_EVENTS.sync, message, origin);
    });
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin && typeof origin === 'object' && 'id' in origin) {
        const ids = (origin as DocSocket).data.minutesDocs?.get(docId);
        for (const id of [...added, ...updated]) ids?.add(id);
        for (const id of removed) ids?.delete(id);
      }
      const message = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
      void this.broadcast(docId, live, DOC_EVENTS.awareness, message, origin);
      // What this instance's sockets said (or their leaving: origin null) is kept for the other instances;
      // not what came from them, nor this instance's time-outs of their states.
      const local = origin === null || (typeof origin === 'object' && 'id' in origin);
      if (local && this.store.sharesAwareness) {
        const entries = changed.map((clientId) => ({ clientId, message: awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]) }));
        this.store.queueAwareness(docId, entries);
      }
    });
    this.docs.set(docId, live);
    return live;
  }

  /** Applies the awareness other instances keep for the document (older clocks change nothing). */
  private async applyRemoteAwareness(docId: string, live: LiveDoc): Promise<void> {
    try {
      for (const message of await this.store.readAwareness(docId)) {
        if (this.docs.get(docId) !== live) return;
        awarenessProtocol.applyAwarenessUpdate(live.awareness, message, REMOTE);
      }
    } catch (error) {
      this.logger.warn(`Remote awareness not read: ${(error as Error).message}`);
    }
  }

  /** To every other socket in the document that may still read it (access memoised for a second). */
  private async broadcast(
    docId: string,
    live: LiveDoc,
    event: 'doc:sync' | 'doc:awareness',
    message: Uint8Array,
    origin: unknown,
  ): Promise<void> {
    for (const socket of [...live.sockets.values()]) {
      if (socket === origin) continue;
      if (await this.mayRead(socket, docId)) socket.emit(event, { docId, message });
      else this.evict(socket, docId);
    }
  }

  private async mayRead(socket: DocSocket, docId: string): Promise<boolean> {
    const actor = socket.data.actor;
    if (!actor || !socket.connected) return false;
    const key = `${actor.id}:${docId}`;
    const known = this.memo.get(key);
    if (known && Date.now() - known.at < ACCESS_MEMO_MS) return known.allowed;
    const allowed = (await this.access.ofDoc(actor.id, docId).catch(() => null)) !== null;
    this.memo.set(key, { at: Date.now(), allowed });
    if (this.memo.size > 10_000) this.memo.clear();
    return allowed;
  }

  /** The socket may no longer see the document: out of it, its cursors gone, and told why. */
  private evict(socket: DocSocket, docId: string): void {
    if (!this.docs.get(docId)?.sockets.has(socket.id)) return;
    this.leaveDoc(socket, docId);
    socket.emit(DOC_EVENTS.error, { docId, code: 'access' });
  }

  private leaveDoc(socket: DocSocket, docId: string): void {
    const live = this.docs.get(docId);
    const ids = socket.data.minutesDocs?.get(docId);
    socket.data.minutesDocs?.delete(docId);
    if (!live) return;
    live.sockets.delete(socket.id);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(live.awareness, [...ids], null);
    if (live.sockets.size === 0) {
      live.awareness.destroy();
      live.doc.destroy();
      this.docs.delete(docId);
    }
  }

  // ---- Workflow steps that end editing lose no words (flush before, refuse with a resync after) ----

  /**
   * Before a step that ends editing: every socket in these documents, on this instance and on the
   * others, is asked to send what it has not had acknowledged yet; waits for them, at most
   * FLUSH_WAIT_MS (a silent client or instance cannot hold the step). Whatever arrives later
   * meets the step's lock in the store and is refused with a resync.
   */
  async flushEditors(docIds: readonly string[], waitMs = FLUSH_WAIT_MS): Promise<void> {
    await Promise.all([
      this.flushLocal(docIds, waitMs),
      this.store.flushElsewhere(docIds, waitMs).catch((error: Error) => this.logger.warn(`Flush elsewhere failed: ${error.message}`)),
    ]);
  }

  /** This instance's sockets: each acks once its edits are acknowledged; then what it sent before is handled. */
  private async flushLocal(docIds: readonly string[], waitMs: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const docId of docIds) {
      const live = this.docs.get(docId);
      if (!live) continue;
      for (const socket of live.sockets.values()) {
        if (!socket.connected) continue;
        waits.push(
          new Promise<void>((resolve) => {
            socket.timeout(waitMs).emit(DOC_EVENTS.flush, { docId }, () => resolve());
          }).then(() => socket.data.minutesQueue),
        );
      }
    }
    if (waits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /**
   * An update that was not kept (the minutes are no longer editable, or the sender may not edit):
   * the sender's screen may show it, so its client is told to take the server's state again.
   */
  private refuseUpdate(socket: DocSocket, docId: string): DocSyncAck {
    socket.emit(DOC_EVENTS.error, { docId, code: 'read-only', resync: true });
    return { ok: false, code: 'read-only' };
  }

  // ---- Hostile input: message budgets, document limits, awareness ownership ----

  /**
   * Takes one message of `kind` from the socket's budget. Over it, the message is dropped and
   * the socket told once per FLOOD_WINDOW_MS; a socket with FLOOD_FACTOR times its burst
   * dropped within that window is disconnected (an honest client never gets near: it sends a
   * few messages a second).
   */
  private admit(socket: DocSocket, kind: RateKind, docId: string): boolean {
    socket.data.minutesRate ??= {
      sync: { bucket: this.bucket(), dropped: 0, since: 0 },
      awareness: { bucket: this.bucket(), dropped: 0, since: 0 },
    };
    const rate = socket.data.minutesRate[kind];
    if (rate.bucket.take()) return true;
    const now = Date.now();
    if (now - rate.since > FLOOD_WINDOW_MS) {
      rate.since = now;
      rate.dropped = 0;
    }
    rate.dropped += 1;
    if (rate.dropped === 1) socket.emit(DOC_EVENTS.error, { docId, code: 'rate-limited' });
    if (rate.dropped > this.config.MINUTES_DOC_MESSAGES_BURST * FLOOD_FACTOR) {
      this.logger.warn(`Socket ${socket.id} of ${socket.data.actor?.id ?? '?'} flooded ${kind} messages: disconnected`);
      socket.disconnect(true);
    }
    return false;
  }

  private bucket(): TokenBucket {
    return new TokenBucket(this.config.MINUTES_DOC_MESSAGES_PER_SECOND, this.config.MINUTES_DOC_MESSAGES_BURST);
  }

  /**
   * An update beyond the document limits: not stored, applied or passed on. The sender's screen
   * may show it, so its client is told to take the server's state again.
   */
  private refuseHostile(socket: DocSocket, docId: string, code: DocRefusalCode): DocSyncAck {
    this.logger.warn(`Update to ${docId} from ${socket.data.actor?.id ?? '?'} refused: ${code}`);
    socket.emit(DOC_EVENTS.error, { docId, code, resync: true });
    return { ok: false, code };
  }

  /**
   * The entries of an awareness update that this socket may set: only client ids it introduced
   * (or that another socket of the same user holds: a reconnecting tab keeps its id), at most
   * AWARENESS_MAX_CLIENTS_PER_SOCKET of them. Entries for anyone else's client (another user's
   * socket here, or an editor on another instance) are dropped, so no reader can move or
   * remove the chair's cursor. Null when the message is malformed or over the entry and size
   * caps (then nothing of it applies).
   */
  private ownAwareness(socket: DocSocket, docId: string, live: LiveDoc, message: Uint8Array): ReturnType<typeof readAwarenessEntries> {
    const entries = readAwarenessEntries(message);
    const own = socket.data.minutesDocs?.get(docId);
    if (!entries) return null;
    if (!own) return [];
    const states = live.awareness.getStates();
    return entries.filter(({ clientId }) => {
      if (own.has(clientId)) return true;
      let holder: DocSocket | undefined;
      for (const other of live.sockets.values()) {
        if (other !== socket && other.data.minutesDocs?.get(docId)?.has(clientId)) holder = other;
      }
      if (holder) {
        if (holder.data.actor?.id !== socket.data.actor?.id) return false;
        holder.data.minutesDocs?.get(docId)?.delete(clientId);
      } else if (states.has(clientId)) {
        // A live state no socket here speaks for: an editor on another instance.
        return false;
      }
      if (own.size >= AWARENESS_MAX_CLIENTS_PER_SOCKET) return false;
      own.add(clientId);
      return true;
    });
  }
}
