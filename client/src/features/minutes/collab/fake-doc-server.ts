import type { DocFlushAck, DocJoinAck, DocMessage, DocSyncAck } from '@sidang/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { type DocChannel, toBytes } from './socket-yjs-provider.ts';

type Handler = (...args: never[]) => void;

/**
 * An in-memory stand-in for the server's co-editing channel: one real Y.Doc per docId, the
 * same y-protocols messages as the server, relayed to every other joined socket. Sockets can
 * drop and come back (offline edits) and be made read-only.
 */
export class FakeDocServer {
  readonly docs = new Map<string, Y.Doc>();
  readonly awareness = new Map<string, Awareness>();
  private sockets = new Set<FakeDocSocket>();
  /** docIds refused to everybody. */
  readonly refused = new Set<string>();
  /** False once the minutes left draft: every update is refused (with a resync), as the server's lock decides. */
  editable = true;
  /** While true, acks of updates wait in `heldAcks` (a slow server): `releaseAcks()` answers them. */
  holdAcks = false;
  readonly heldAcks: Array<() => void> = [];
  /** Every update message received, in order (to count what went up). */
  readonly updatesReceived: Uint8Array[] = [];

  releaseAcks(): void {
    for (const answer of this.heldAcks.splice(0)) answer();
  }

  /** The server before a step that ends editing: asks every joined socket to flush; resolves with their acks. */
  flush(docId: string): Promise<DocFlushAck[]> {
    const joined = [...this.sockets].filter((socket) => socket.connected && socket.joinedDocs.has(docId));
    return Promise.all(joined.map((socket) => new Promise<DocFlushAck>((resolve) => socket.deliver('doc:flush', { docId }, resolve))));
  }

  docFor(docId: string): Y.Doc {
    let doc = this.docs.get(docId);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(docId, doc);
      this.awareness.set(docId, new Awareness(doc));
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        const encoder = encoding.createEncoder();
        writeUpdate(encoder, update);
        const message = encoding.toUint8Array(encoder);
        for (const socket of this.sockets) {
          if (socket !== origin && socket.connected && socket.joinedDocs.has(docId)) socket.deliver('doc:sync', { docId, message });
        }
      });
    }
    return doc;
  }

  socket(canEdit = true): FakeDocSocket {
    const socket = new FakeDocSocket(this, canEdit);
    this.sockets.add(socket);
    return socket;
  }

  /** What a client emitted: handled as the server would. */
  receive(socket: FakeDocSocket, event: string, args: unknown[]): void {
    if (!socket.connected) return;
    if (event === 'doc:join') {
      const [{ docId }, ack] = args as [{ docId: string }, (ack: DocJoinAck) => void];
      if (this.refused.has(docId)) {
        ack({ ok: false, code: 'not-found' });
        return;
      }
      const doc = this.docFor(docId);
      socket.joinedDocs.add(docId);
      ack({ ok: true, canEdit: socket.canEdit });
      // The server's own step 1, so the client answers with what it has that the server lacks.
      const encoder = encoding.createEncoder();
      writeSyncStep1(encoder, doc);
      socket.deliver('doc:sync', { docId, message: encoding.toUint8Array(encoder) });
      return;
    }
    if (event === 'doc:leave') {
      socket.joinedDocs.delete((args[0] as { docId: string }).docId);
      return;
    }
    const { docId, message } = args[0] as DocMessage;
    const ack = typeof args[1] === 'function' ? (args[1] as (answer: DocSyncAck) => void) : undefined;
    if (!socket.joinedDocs.has(docId)) return;
    if (event === 'doc:sync') {
      const doc = this.docFor(docId);
      const decoder = decoding.createDecoder(toBytes(message));
      const type = decoding.peekVarUint(decoder);
      if (type !== 0 && (!socket.canEdit || !this.editable)) {
        socket.deliver('doc:error', { docId, code: 'read-only', resync: true });
        ack?.({ ok: false, code: 'read-only' });
        return;
      }
      if (type !== 0) this.updatesReceived.push(toBytes(message));
      const encoder = encoding.createEncoder();
      readSyncMessage(decoder, encoder, doc, socket);
      if (encoding.length(encoder) > 0) socket.deliver('doc:sync', { docId, message: encoding.toUint8Array(encoder) });
      if (ack && this.holdAcks) this.heldAcks.push(() => ack({ ok: true }));
      else ack?.({ ok: true });
      return;
    }
    if (event === 'doc:awareness') {
      const awareness = this.awareness.get(docId);
      if (awareness) applyAwarenessUpdate(awareness, toBytes(message), socket);
      for (const other of this.sockets) {
        if (other !== socket && other.connected && other.joinedDocs.has(docId)) other.deliver('doc:awareness', { docId, message });
      }
    }
  }
}

export class FakeDocSocket implements DocChannel {
  connected = false;
  readonly joinedDocs = new Set<string>();
  private handlers = new Map<string, Set<Handler>>();

  constructor(
    private readonly server: FakeDocServer,
    public canEdit: boolean,
  ) {}

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    // A copy, as the wire would give: nothing shared between the two ends.
    const copied = args.map((arg) =>
      typeof arg === 'object' && arg && 'message' in arg ? { ...arg, message: toBytes((arg as DocMessage).message).slice().buffer } : arg,
    );
    this.server.receive(this, event, copied);
    return this;
  }

  deliver(event: string, payload: unknown, ack?: (answer: DocFlushAck) => void): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (payload: unknown, ack?: unknown) => void)(payload, ack);
  }

  connect(): void {
    this.connected = true;
    this.deliver('connect', undefined);
  }

  disconnect(): void {
    this.connected = false;
    this.joinedDocs.clear();
    this.deliver('disconnect', 'transport close');
  }
}
