import type { DocError, DocFlushAck, DocJoinAck, DocMessage, DocRequest, DocSyncAck } from '@sidang/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { messageYjsSyncStep1, readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
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
  /** Local edits sent (or about to be) that the server has not acknowledged yet. */
  saving: boolean;
  /**
   * The server refused edits this copy holds (the minutes left draft meanwhile): the copy must
   * be replaced by the server's, and the refused words offered to the user.
   */
  resync: boolean;
  /** Why the last refused edits were refused (what the notice offering them says). */
  refusal: DocRefusal | null;
}

/** Why the server did not keep an edit: editing ended (`read-only`), or the edit was beyond the limits. */
export type DocRefusal = 'read-only' | 'too-deep' | 'too-large' | 'invalid';

function refusalOf(code: string): DocRefusal {
  return code === 'too-deep' || code === 'too-large' || code === 'invalid' ? code : 'read-only';
}

const JOIN_TIMEOUT_MS = 10_000;
/** The longest a flush waits for the server's acknowledgements (the server waits 2 s for us). */
const FLUSH_TIMEOUT_MS = 1_800;
/** After a `rate-limited` answer: when to join again (the sync then sends what the server lacks). */
const RETRY_MS = 1_000;

/** socket.io hands over an ArrayBuffer in the browser and a Buffer in Node: always a Uint8Array. */
export function toBytes(message: ArrayBuffer | Uint8Array | ArrayLike<number>): Uint8Array {
  if (message instanceof Uint8Array) return message;
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  return Uint8Array.from(message as ArrayLike<number>);
}

/** Whether `doc` holds anything (by state vector) that a peer with `theirs` lacks. */
function holdsMoreThan(doc: Y.Doc, theirs: Uint8Array): boolean {
  const known = Y.decodeStateVector(theirs);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if (clock > (known.get(client) ?? 0)) return true;
  }
  return false;
}

/**
 * Keeps one Y.Doc (one minutes section, `docId` = section id) in sync with the server over the
 * app's socket: `doc:join`, then y-protocols sync and awareness messages both ways. After every
 * reconnect it joins again and runs sync step 1 again, and sends what was typed in between, so
 * offline edits merge instead of being lost.
 *
 * Edits go up one message at a time, each acknowledged by the server once stored: what is typed
 * meanwhile is merged into the next message, so fast typing or a paste never queues up keystroke
 * by keystroke, and `saving` stays true until the server has it all. A refused edit sets
 * `resync`; the screen never keeps words the server did not take.
 */
export class SocketYjsProvider {
  readonly awareness: Awareness;
  /** Lower case, as the server names it back. */
  readonly docId: string;
  private state: DocState = { status: 'connecting', canEdit: false, pending: false, saving: false, resync: false, refusal: null };
  private joined = false;
  private destroyed = false;
  private listeners = new Set<(state: DocState) => void>();
  /** Bumped on every join attempt, so a late ack of an earlier one is ignored. */
  private attempt = 0;
  /** Local updates not sent yet (one message is in flight): merged into the next message. */
  private unsent: Uint8Array[] = [];
  /** Messages sent with an ack not yet answered (this join attempt). */
  private unacked = 0;
  /** Called once everything local has been acknowledged (or this join ended). */
  private settledWaiters: Array<() => void> = [];
  /** A join is under way to compare a read-only copy with the server's (after a local change). */
  private checking = false;

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
    channel.on('doc:flush', this.onFlush);
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

  /**
   * Sends what is not yet sent and resolves once the server has acknowledged every edit (or
   * after `timeoutMs`, or at once when there is nothing to wait for): before a workflow step.
   */
  flush(timeoutMs = FLUSH_TIMEOUT_MS): Promise<void> {
    this.sendNext(true);
    if (!this.state.saving || !this.joined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.settledWaiters.push(done);
    });
  }

  /**
   * Joins again (fresh rights and state from the server): when the minutes' status changed, so an
   * editor becomes editable again after "back to draft" without a reload.
   */
  refresh(): void {
    if (this.destroyed || !this.channel.connected || this.state.status === 'refused') return;
    this.join();
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
    this.channel.off('doc:flush', this.onFlush);
    this.awareness.destroy();
    this.listeners.clear();
    this.settle();
  }

  private setState(patch: Partial<DocState>): void {
    const next = { ...this.state, ...patch };
    const keys = Object.keys(next) as Array<keyof DocState>;
    if (keys.every((key) => next[key] === this.state[key])) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  private join(): void {
    if (this.destroyed) return;
    const attempt = ++this.attempt;
    // Messages of an earlier attempt: their acks are ignored; the sync below covers their content.
    this.unacked = 0;
    this.unsent = [];
    this.setState({ status: 'connecting', saving: false });
    this.settle();
    const timer = setTimeout(() => {
      if (attempt === this.attempt && !this.joined && this.channel.connected) this.join();
    }, JOIN_TIMEOUT_MS);
    this.channel.emit('doc:join', { docId: this.docId }, (ack: DocJoinAck) => {
      clearTimeout(timer);
      if (this.destroyed || attempt !== this.attempt) return;
      if (!ack?.ok) {
        this.joined = false;
        this.setState({ status: 'refused', canEdit: false, saving: false });
        this.settle();
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
    this.sendAcked(encoding.toUint8Array(encoder));
    this.setState({ pending: false });
  }

  private send(event: 'doc:sync' | 'doc:awareness', message: Uint8Array): void {
    this.channel.emit(event, { docId: this.docId, message });
  }

  /** A sync message carrying edits: `saving` until the server acknowledges it. */
  private sendAcked(message: Uint8Array): void {
    const attempt = this.attempt;
    this.unacked += 1;
    this.setState({ saving: true });
    this.channel.emit('doc:sync', { docId: this.docId, message }, (ack: DocSyncAck) => {
      if (this.destroyed || attempt !== this.attempt) return;
      this.unacked -= 1;
      if (ack && !ack.ok) {
        // Too many messages at once, or the server could not decide now: nothing was kept; joined
        // again in a moment, the sync sends what the server lacks.
        if (ack.code === 'rate-limited' || ack.code === 'unavailable')
          setTimeout(() => attempt === this.attempt && this.refresh(), RETRY_MS);
        // Not kept (editing ended, or beyond the limits): `doc:error` with resync says so too.
        else if (ack.code !== 'access') this.refuse(refusalOf(ack.code));
        return;
      }
      this.sendNext(false);
    });
  }

  /** The next message: whatever was typed since the last one, merged (at once when `now`). */
  private sendNext(now: boolean): void {
    if (!this.joined || !this.channel.connected || this.state.resync) return;
    if (this.unsent.length > 0 && (this.unacked === 0 || now)) {
      const update = this.unsent.length === 1 ? (this.unsent[0] as Uint8Array) : Y.mergeUpdates(this.unsent);
      this.unsent = [];
      const encoder = encoding.createEncoder();
      writeUpdate(encoder, update);
      this.sendAcked(encoding.toUint8Array(encoder));
      return;
    }
    if (this.unsent.length === 0 && this.unacked === 0) {
      this.setState({ saving: false });
      this.settle();
    }
  }

  private settle(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Edits this copy holds were refused: it is to be replaced by the server's (see `resync`). */
  private refuse(refusal: DocRefusal): void {
    this.unsent = [];
    this.setState({ resync: true, refusal, canEdit: false, saving: false });
    this.settle();
  }

  private readonly onConnect = () => {
    this.join();
  };

  private readonly onDisconnect = () => {
    this.joined = false;
    this.attempt += 1;
    // Sent but not acknowledged, or not sent: the next join's sync takes it (kept in the document).
    const unsaved = this.unacked > 0 || this.unsent.length > 0;
    this.unacked = 0;
    this.unsent = [];
    // Others' cursors are no longer known; they come back with the next join.
    const others = [...this.awareness.getStates().keys()].filter((client) => client !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, this);
    this.setState({ status: 'offline', saving: false, ...(unsaved ? { pending: true } : {}) });
    this.settle();
  };

  private readonly onSync = ({ docId, message }: DocMessage) => {
    if (docId.toLowerCase() !== this.docId || !this.joined) return;
    const bytes = toBytes(message);
    const peek = decoding.createDecoder(bytes);
    // The server's step 1 tells what it has: a read-only copy holding more is holding refused words.
    if (decoding.readVarUint(peek) === messageYjsSyncStep1) {
      this.checking = false;
      if (!this.state.canEdit && holdsMoreThan(this.doc, decoding.readVarUint8Array(peek))) {
        this.refuse('read-only');
        return;
      }
    }
    const decoder = decoding.createDecoder(bytes);
    const encoder = encoding.createEncoder();
    const type = readSyncMessage(decoder, encoder, this.doc, this);
    // The server's step 1: our step 2 answers it (with anything typed offline).
    if (encoding.length(encoder) > 0) {
      if (this.state.canEdit) this.sendAcked(encoding.toUint8Array(encoder));
      this.setState({ pending: false });
    }
    // Step 2 (type 1) completes the first sync.
    if (type === 1 && this.state.status === 'syncing') this.setState({ status: 'synced' });
  };

  private readonly onAwareness = ({ docId, message }: DocMessage) => {
    if (docId.toLowerCase() !== this.docId) return;
    applyAwarenessUpdate(this.awareness, toBytes(message), this);
  };

  private readonly onError = ({ docId, code, resync }: DocError) => {
    if (docId.toLowerCase() !== this.docId) return;
    if (resync) this.refuse(refusalOf(code));
    else if (code === 'read-only') this.setState({ canEdit: false });
    else if (code === 'access') {
      this.joined = false;
      this.setState({ status: 'refused', canEdit: false, saving: false });
      this.settle();
    }
    // Other refusals (rate) keep the socket in the document: the ack of the message says what to do.
  };

  /** The server is about to end editing: everything up now, acknowledged, then the answer. */
  private readonly onFlush = ({ docId }: DocRequest, ack?: (result: DocFlushAck) => void) => {
    if (docId.toLowerCase() !== this.docId) return;
    void this.flush().then(() => ack?.({ ok: true }));
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (!this.joined || !this.channel.connected) {
      // Kept in the document (and its local copy); sent on the next join.
      this.setState({ pending: true });
      return;
    }
    if (this.state.resync) return;
    if (!this.state.canEdit) {
      // Nothing goes up from a read-only copy. Whether this copy now holds words the server lacks
      // (typed just as editing ended) is told by the server's step 1 of a fresh join (see onSync);
      // a device copy being read in holds none.
      if (!this.checking) {
        this.checking = true;
        this.join();
      }
      return;
    }
    this.unsent.push(update);
    this.setState({ saving: true });
    this.sendNext(false);
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
