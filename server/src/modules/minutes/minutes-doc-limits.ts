import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** What a section document may become: its element nesting and its encoded size. */
export interface DocLimits {
  /** Deepest nesting of shared types (a top-level paragraph and its text are 2). */
  maxDepth: number;
  /** Largest encoded state of a section (deleted text collected), in bytes. */
  maxBytes: number;
}

/** Why an update was not applied; the client translates the code. */
export type UpdateRefusal = 'too-deep' | 'too-large' | 'invalid';

/**
 * The deepest nesting of shared types in a document, walked with an explicit stack: a
 * document nested thousands deep (stored before these limits, or planted) must not overflow
 * the call stack of whoever measures it.
 */
export function docDepth(doc: Y.Doc): number {
  let deepest = 0;
  // Any shared type: its sequence (`_start`, linked by `right`) and its map entries.
  const stack: Array<{ type: { _start: Y.Item | null; _map: Map<string, Y.Item> }; depth: number }> = [];
  for (const type of doc.share.values()) stack.push({ type, depth: 0 });
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { type, depth } = next;
    if (depth > deepest) deepest = depth;
    // Children in sequence (elements, texts, embeds) and in the map (attributes holding types).
    const items: Y.Item[] = [];
    for (let item = type._start; item; item = item.right) items.push(item);
    for (const item of type._map.values()) items.push(item);
    for (const item of items) {
      if (!item.deleted && item.content instanceof Y.ContentType) stack.push({ type: item.content.type, depth: depth + 1 });
    }
  }
  return deepest;
}

/** Whether an update creates shared types (only those can deepen a document) or embeds a document. */
function structureOf(update: Uint8Array): { addsTypes: boolean; addsSubdocs: boolean } {
  let addsTypes = false;
  let addsSubdocs = false;
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentType) addsTypes = true;
    else if (struct.content instanceof Y.ContentDoc) addsSubdocs = true;
  }
  return { addsTypes, addsSubdocs };
}

/**
 * Decides whether an update may be applied to a live section document, before it is stored.
 * Typing (text, marks, deletions) is checked against a running size estimate only; an update
 * that adds elements, or that may cross the size cap, is applied to a scratch copy first and
 * the copy measured — so the common keystroke costs the decoding of its own few bytes.
 */
export class DocLimiter {
  /** Encoded size of each live document, as last measured plus every update applied since. */
  private readonly sizes = new WeakMap<Y.Doc, number>();

  constructor(private readonly limits: DocLimits) {}

  /** Why `update` may not be applied to `doc`; null when it may. */
  refusal(doc: Y.Doc, update: Uint8Array): UpdateRefusal | null {
    let structure: { addsTypes: boolean; addsSubdocs: boolean };
    try {
      structure = structureOf(update);
    } catch {
      return 'invalid';
    }
    // TipTap's documents hold no sub-documents: one would be a document the checks here never see.
    if (structure.addsSubdocs) return 'invalid';
    const estimate = this.sizeOf(doc);
    if (!structure.addsTypes && estimate + update.byteLength <= this.limits.maxBytes) return null;
    return this.measure(doc, update);
  }

  /** Applies the update to a copy of the document and measures the result. */
  private measure(doc: Y.Doc, update: Uint8Array): UpdateRefusal | null {
    const current = Y.encodeStateAsUpdate(doc);
    this.sizes.set(doc, current.byteLength);
    const scratch = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(scratch, current);
      const waiting = scratch.store.pendingStructs?.update.byteLength ?? 0;
      Y.applyUpdate(scratch, update);
      // Elements waiting for parents the server does not have: they would join the document
      // later, unmeasured (a deep chain sent in pieces). What the document already waited for
      // (stored before these limits) does not block the edits that follow.
      if ((scratch.store.pendingStructs?.update.byteLength ?? 0) > waiting) return 'invalid';
      if (docDepth(scratch) > this.limits.maxDepth) return 'too-deep';
      const after = Y.encodeStateAsUpdate(scratch).byteLength;
      // Above the cap only what makes the section smaller (deleting) is still accepted.
      if (after > this.limits.maxBytes && after > current.byteLength) return 'too-large';
      return null;
    } catch {
      return 'invalid';
    } finally {
      scratch.destroy();
    }
  }

  private sizeOf(doc: Y.Doc): number {
    const known = this.sizes.get(doc);
    if (known !== undefined) return known;
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    this.sizes.set(doc, size);
    // Whatever reaches the document (this instance's editors, other instances) counts.
    doc.on('update', (applied: Uint8Array) => this.sizes.set(doc, (this.sizes.get(doc) ?? 0) + applied.byteLength));
    return size;
  }
}

/** Entries one awareness message may carry (a browser tab sends its own one). */
export const AWARENESS_MAX_ENTRIES = 4;
/** Largest state (JSON) of one awareness entry: a name, a colour and a cursor fit many times. */
export const AWARENESS_MAX_STATE_BYTES = 2 * 1024;
/** Client ids one socket may speak for in one document. */
export const AWARENESS_MAX_CLIENTS_PER_SOCKET = 4;

/** One entry of a y-protocols awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent (JSON text; `null` removes the client). */
  state: string;
}

/**
 * The entries of an awareness update (y-protocols encoding), or null when it is malformed,
 * carries more than AWARENESS_MAX_ENTRIES or a state above AWARENESS_MAX_STATE_BYTES. The
 * count is read first, so a message claiming thousands of entries is refused unread.
 */
export function readAwarenessEntries(message: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(message);
    const count = decoding.readVarUint(decoder);
    if (count > AWARENESS_MAX_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let n = 0; n < count; n += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      if (bytes.byteLength > AWARENESS_MAX_STATE_BYTES) return null;
      const state = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      JSON.parse(state);
      entries.push({ clientId, clock, state });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/** The awareness update holding `entries` (the inverse of readAwarenessEntries). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. `clock` lets unit tests
 * move time.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = clock();
  }

  /** Takes one token; false when none is left. */
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
