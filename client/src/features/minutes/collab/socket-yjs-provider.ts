import type { DocError, DocJoinAck, DocMessage } from '@sidang/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * Just what the provider uses of the app's socket.io socket (the one realtime already holds):
 * the co-editing channel travels on it, no second connection.
 */
export interface DocChannel {
  readonly connected: boolean;
  on(event: string, handler: (...args: never[]) => void): unknown;
  off(event: string, handler: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
}

/** Where a section's document stands. */
export type DocStatus = 'connecting' | 'syncing' | 'synced' | 'offline' | 'refused';

export interface DocState {
  status: DocStatus;
  /** What the server said on join (and after a `read-only` refusal); false until it answered. */
  canEdit: boolean;
  /** Local edits the server has not yet been sent (typed while offline or before the join). */
  pending: boolean;
}

const JOIN_TIMEOUT_MS = 10_000;

/** socket.io hands over an ArrayBuffer in the browser and a Buffer in Node: always a Uint8Array. */
export function toBytes(message: ArrayBuffer | Uint8Array | ArrayLike<number>): Uint8Array {
  if (message instanceof Uint8Array) return message;
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  return Uint8Array.from(message as ArrayLike<number>);
}

/**
 * Keeps one Y.Doc (one minutes section, `docId` = section id) in sync with the server over the
 * app's socket: `doc:join`, then y-protocols sync and awareness messages both ways. After every
 * reconnect it joins again and runs sync step 1 again, and sends what was typed in between, so
 * offline edits merge instead of being lost.
 */
export class SocketYjsProvider {
  readonly awareness: Awareness;
  /** Lower case, as the server names it back. */
  readonly docId: string;
  private state: DocState = { status: 'connecting', canEdit: false, pending: false };
  private joined = false;
  private destroyed = false;
  private listeners = new Set<(state: DocState) => void>();
  /** Bumped on every join attempt, so a late ack of an earlier one is ignored. */
  private attempt = 0;

  constructor(
    private readonly channel: DocChannel,
    docId: string,
    readonly doc: Y.Doc,
    awareness?: Awareness,
  ) {
    this.docId = docId.toLowerCase();
    this.awareness = awareness ?? new Awareness(doc);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    channel.on('connect', this.onConnect);
    channel.on('disconnect', this.onDisconnect);
    channel.on('doc:sync', this.onSync);
    channel.on('doc:awareness', this.onAwareness);
    channel.on('doc:error', this.onError);
    if (channel.connected) this.join();
    else this.setState({ status: 'offline' });
  }

  getState(): DocState {
    return this.state;
  }

  /** Calls `listener` on every change of the state; returns the unsubscribe. */
  subscribe(listener: (state: DocState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    if (this.joined && this.channel.connected) this.channel.emit('doc:leave', { docId: this.docId });
    this.joined = false;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.channel.off('connect', this.onConnect);
    this.channel.off('disconnect', this.onDisconnect);
    this.channel.off('doc:sync', this.onSync);
    this.channel.off('doc:awareness', this.onAwareness);
    this.channel.off('doc:error', this.onError);
    this.awareness.destroy();
    this.listeners.clear();
  }

  private setState(patch: Partial<DocState>): void {
    const next = { ...this.state, ...patch };
    if (next.status === this.state.status && next.canEdit === this.state.canEdit && next.pending === this.state.pending) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  private join(): void {
    if (this.destroyed) return;
    const attempt = ++this.attempt;
    this.setState({ status: 'connecting' });
    const timer = setTimeout(() => {
      if (attempt === this.attempt && !this.joined && this.channel.connected) this.join();
    }, JOIN_TIMEOUT_MS);
    this.channel.emit('doc:join', { docId: this.docId }, (ack: DocJoinAck) => {
      clearTimeout(timer);
      if (this.destroyed || attempt !== this.attempt) return;
      if (!ack?.ok) {
        this.joined = false;
        this.setState({ status: 'refused', canEdit: false });
        return;
      }
      this.joined = true;
      this.setState({ status: 'syncing', canEdit: ack.canEdit });
      // Step 1: what the server has that this copy lacks comes back as step 2.
      const encoder = encoding.createEncoder();
      writeSyncStep1(encoder, this.doc);
      this.send('doc:sync', encoding.toUint8Array(encoder));
      // What was typed while not joined: sent as one update (the server merges it; a repeat is harmless).
      if (this.state.pending && ack.canEdit) this.sendFullState();
      if (this.awareness.getLocalState() !== null) {
        this.send('doc:awareness', encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
      }
    });
  }

  private sendFullState(): void {
    // A state-as-update of the whole document, as a sync "update" message.
    const encoder = encoding.createEncoder();
    writeUpdate(encoder, Y.encodeStateAsUpdate(this.doc));
    this.send('doc:sync', encoding.toUint8Array(encoder));
    this.setState({ pending: false });
  }

  private send(event: 'doc:sync' | 'doc:awareness', message: Uint8Array): void {
    this.channel.emit(event, { docId: this.docId, message });
  }

  private readonly onConnect = () => {
    this.join();
  };

  private readonly onDisconnect = () => {
    this.joined = false;
    this.attempt += 1;
    // Others' cursors are no longer known; they come back with the next join.
    const others = [...this.awareness.getStates().keys()].filter((client) => client !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, this);
    this.setState({ status: 'offline' });
  };

  private readonly onSync = ({ docId, message }: DocMessage) => {
    if (docId.toLowerCase() !== this.docId || !this.joined) return;
    const decoder = decoding.createDecoder(toBytes(message));
    const encoder = encoding.createEncoder();
    const type = readSyncMessage(decoder, encoder, this.doc, this);
    // The server's step 1: our step 2 answers it (with anything typed offline).
    if (encoding.length(encoder) > 0) {
      if (this.state.canEdit) this.send('doc:sync', encoding.toUint8Array(encoder));
      this.setState({ pending: false });
    }
    // Step 2 (type 1) completes the first sync.
    if (type === 1 && this.state.status === 'syncing') this.setState({ status: 'synced' });
  };

  private readonly onAwareness = ({ docId, message }: DocMessage) => {
    if (docId.toLowerCase() !== this.docId) return;
    applyAwarenessUpdate(this.awareness, toBytes(message), this);
  };

  private readonly onError = ({ docId, code }: DocError) => {
    if (docId.toLowerCase() !== this.docId) return;
    if (code === 'read-only') this.setState({ canEdit: false });
    else {
      this.joined = false;
      this.setState({ status: 'refused', canEdit: false });
    }
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (!this.joined || !this.channel.connected) {
      // Kept in the document (and its local copy); sent on the next join.
      this.setState({ pending: true });
      return;
    }
    if (!this.state.canEdit) return;
    const encoder = encoding.createEncoder();
    writeUpdate(encoder, update);
    this.send('doc:sync', encoding.toUint8Array(encoder));
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this || !this.joined || !this.channel.connected) return;
    const changed = [...added, ...updated, ...removed];
    if (changed.length > 0) this.send('doc:awareness', encodeAwarenessUpdate(this.awareness, changed));
  };
}
