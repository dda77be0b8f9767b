import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { refreshDocText } from '../../search/search-index.js';

const CHANNEL = 'sidang:minutes-doc';
/** Awareness changed in a document: `{docId}` only; the states are read from PostgreSQL. */
export const AWARENESS_CHANNEL = 'sidang:minutes-awareness';
/** Awareness rows not renewed for this long are gone (clients renew theirs every 15 s). */
const AWARENESS_STALE_SECONDS = 120;
/** Awareness is written to PostgreSQL at most once per this many ms per (document, client), in one batch. */
export const AWARENESS_WRITE_MS = 200;
/** Rows of one INSERT of awareness (4 parameters each, far below PostgreSQL's 65535). */
const AWARENESS_BATCH_ROWS = 500;
/** Compact a document once it holds this many incremental updates. */
export const COMPACT_AFTER = 200;
/** A workflow step asks every instance to flush its editors: `{flushId, docIds, from}` (ids only). */
export const FLUSH_CHANNEL = 'sidang:minutes-flush';
/** An instance flushed its editors for a request: `{flushId, instanceId}`. */
export const FLUSHED_CHANNEL = 'sidang:minutes-flushed';

/** The whole of what one stored update puts on Redis: which document, which row. */
export function docSignal(docId: string, updateId: number): string {
  return JSON.stringify({ docId, updateId });
}

/**
 * Section documents in PostgreSQL: each update is stored as it arrives (bytea) and the rows of
 * a document are merged into one now and then, under an advisory lock on the document. With
 * REDIS_URL, a stored update is announced to the other instances by id only; they read it back
 * from the database.
 */
@Injectable()
export class MinutesDocStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MinutesDocStore.name);
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private readonly listeners = new Set<(docId: string, update: Uint8Array) => void>();
  private readonly awarenessListeners = new Set<(docId: string) => void>();
  private readonly flushListeners = new Set<(docIds: string[]) => Promise<void>>();
  /** Flush requests of this instance waiting for the others' answers, by flush id. */
  private readonly flushWaits = new Map<string, (instanceId: string) => void>();
  /** This instance, as the owner of the awareness rows its sockets speak for. */
  private readonly instanceId = randomUUID();
  private lastSweep = 0;
  private readonly compacting = new Set<string>();
  /** Awareness not written yet: the latest message of each client, per document. */
  private readonly pendingAwareness = new Map<string, Map<number, Uint8Array>>();
  private awarenessTimer: NodeJS.Timeout | undefined;
  /** Writes run one after another, so an older batch never lands after a newer one. */
  private awarenessWrites: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.REDIS_URL;
    if (!url) return;
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url);
    for (const client of [this.publisher, this.subscriber]) client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    this.subscriber.on('message', (channel, message: string) => {
      if (channel === AWARENESS_CHANNEL) this.onAwarenessSignal(message);
      else if (channel === FLUSH_CHANNEL || channel === FLUSHED_CHANNEL) this.onFlushSignal(channel, message);
      else void this.onSignal(message);
    });
    // Never hang the start on Redis: the committee fan-out already refuses a wrong REDIS_URL.
    await Promise.race([
      this.subscriber.subscribe(CHANNEL, AWARENESS_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL),
      new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
    ]).catch((error: Error) => this.logger.warn(`Doc fan-out subscribe failed: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    this.awarenessListeners.clear();
    // The last removals (sockets closed by the shutdown) still reach the other instances.
    clearTimeout(this.awarenessTimer);
    this.awarenessTimer = undefined;
    await this.writeAwareness();
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].map((p) => p?.catch(() => undefined)));
  }

  /** Told of updates stored by other instances. */
  onRemoteUpdate(listener: (docId: string, update: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told that awareness changed on another instance in a document. */
  onRemoteAwareness(listener: (docId: string) => void): () => void {
    this.awarenessListeners.add(listener);
    return () => this.awarenessListeners.delete(listener);
  }

  /** Whether other instances share this one's documents (awareness is then kept in PostgreSQL). */
  get sharesAwareness(): boolean {
    return this.publisher !== undefined;
  }

  /**
   * Keeps the latest awareness of clients this instance speaks for (one encoded update each)
   * and tells the other instances the document's id. Coalesced: within AWARENESS_WRITE_MS only
   * the last message of each client is kept, and all of them are written in one statement, so a
   * burst of cursor moves (or a hostile flood) costs one row per client, and once a socket is
   * gone nothing of it is left to write but its removal.
   */
  queueAwareness(docId: string, entries: ReadonlyArray<{ clientId: number; message: Uint8Array }>): void {
    if (!this.publisher || entries.length === 0) return;
    const clients = this.pendingAwareness.get(docId) ?? new Map<number, Uint8Array>();
    for (const { clientId, message } of entries) clients.set(clientId, message);
    this.pendingAwareness.set(docId, clients);
    if (this.awarenessTimer) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = undefined;
      void this.writeAwareness();
    }, AWARENESS_WRITE_MS);
    this.awarenessTimer.unref();
  }

  /** Writes the awareness queued so far (after any write still running), then names its documents on Redis. */
  private writeAwareness(): Promise<void> {
    this.awarenessWrites = this.awarenessWrites.then(async () => {
      const docIds = [...this.pendingAwareness.keys()];
      const rows = [...this.pendingAwareness].flatMap(([docId, clients]) =>
        [...clients].map(([clientId, message]) => ({ docId, clientId, message })),
      );
      this.pendingAwareness.clear();
      if (rows.length === 0) return;
      try {
        for (let start = 0; start < rows.length; start += AWARENESS_BATCH_ROWS) {
          const batch = rows.slice(start, start + AWARENESS_BATCH_ROWS);
          const values = batch.map(
            (_, n) => `($${n * 4 + 1}::uuid, $${n * 4 + 2}::bigint, $${n * 4 + 3}::uuid, $${n * 4 + 4}::bytea, now())`,
          );
          await this.dataSource.query(
            `INSERT INTO minutes_doc_awareness (doc_id, client_id, instance_id, message, updated_at) VALUES ${values.join(', ')}
             ON CONFLICT (doc_id, client_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, message = EXCLUDED.message, updated_at = now()`,
            batch.flatMap((row) => [row.docId, row.clientId, this.instanceId, Buffer.from(row.message)]),
          );
        }
      } catch (error) {
        this.logger.warn(`Awareness not shared: ${(error as Error).message}`);
        return;
      }
      for (const docId of docIds) {
        this.publisher
          ?.publish(AWARENESS_CHANNEL, JSON.stringify({ docId }))
          .catch((error: Error) => this.logger.warn(`Awareness fan-out failed: ${error.message}`));
      }
      if (Date.now() - this.lastSweep > 60_000) {
        this.lastSweep = Date.now();
        await this.dataSource
          .query(`DELETE FROM minutes_doc_awareness WHERE updated_at < now() - interval '${AWARENESS_STALE_SECONDS} seconds'`)
          .catch((error: Error) => this.logger.warn(`Awareness sweep failed: ${error.message}`));
      }
    });
    return this.awarenessWrites;
  }

  /** The awareness other instances keep for a document (recent rows only). */
  async readAwareness(docId: string): Promise<Uint8Array[]> {
    if (!this.publisher) return [];
    const rows: Array<{ message: Buffer }> = await this.dataSource.query(
      `SELECT message FROM minutes_doc_awareness
       WHERE doc_id = $1 AND instance_id <> $2 AND updated_at > now() - interval '${AWARENESS_STALE_SECONDS} seconds'`,
      [docId, this.instanceId],
    );
    return rows.map((row) => new Uint8Array(row.message));
  }

  /** Each document's state as one update (absent: nothing written yet). */
  async read(docIds: readonly string[], manager?: EntityManager): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    if (docIds.length === 0) return out;
    const rows: Array<{ doc_id: string; update: Buffer }> = await (manager ?? this.dataSource).query(
      'SELECT doc_id, update FROM minutes_doc_updates WHERE doc_id = ANY($1::uuid[]) ORDER BY id',
      [docIds],
    );
    const byDoc = new Map<string, Uint8Array[]>();
    for (const row of rows) {
      const list = byDoc.get(row.doc_id) ?? [];
      list.push(new Uint8Array(row.update));
      byDoc.set(row.doc_id, list);
    }
    for (const [docId, updates] of byDoc) out.set(docId, updates.length === 1 ? (updates[0] as Uint8Array) : this.merged(docId, updates));
    return out;
  }

  /**
   * The rows of a document as one update. A row that is no update (written around the gateway)
   * is left out rather than failing every reader of the minutes.
   */
  private merged(docId: string, updates: Uint8Array[]): Uint8Array {
    try {
      return Y.mergeUpdates(updates);
    } catch (error) {
      this.logger.warn(`Document ${docId} holds an unreadable update, left out: ${(error as Error).message}`);
      const readable = updates.filter((update) => {
        try {
          Y.decodeUpdate(update);
          return true;
        } catch {
          return false;
        }
      });
      return readable.length > 0 ? Y.mergeUpdates(readable) : new Uint8Array([0, 0]);
    }
  }

  /** Stores one update; then tells the other instances its id. */
  async append(docId: string, update: Uint8Array, manager?: EntityManager): Promise<number> {
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource).query(
      'INSERT INTO minutes_doc_updates (doc_id, update) VALUES ($1, $2) RETURNING id',
      [docId, Buffer.from(update)],
    );
    const id = Number(rows[0]?.id);
    if (!manager) this.announce(docId, id);
    return id;
  }

  /**
   * Stores one update only while the section's minutes may still be edited, deciding under a
   * share lock on the minutes row: a workflow step takes that row for update before its
   * snapshot, so an update stored here is in the step's snapshot, and one that waited for the
   * step sees the new status and is refused (null), on every instance alike.
   */
  async appendWhileEditable(docId: string, update: Uint8Array, editable: readonly string[]): Promise<number | null> {
    const id = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ status: string }> = await manager.query(
        `SELECT mi.status FROM minutes_sections s JOIN minutes mi ON mi.id = s.minutes_id WHERE s.id = $1 FOR SHARE OF mi`,
        [docId],
      );
      const status = rows[0]?.status;
      if (status === undefined || !editable.includes(status)) return null;
      return this.append(docId, update, manager);
    });
    if (id !== null) this.announce(docId, id);
    return id;
  }

  announce(docId: string, id: number): void {
    this.publisher
      ?.publish(CHANNEL, docSignal(docId, id))
      .catch((error: Error) => this.logger.warn(`Doc fan-out failed: ${error.message}`));
  }

  /** The section's text in the search index, as its document now reads. */
  async refreshSearchText(docId: string, text: string): Promise<void> {
    await refreshDocText(this.dataSource.manager, docId, text);
  }

  /** Merges a document's rows into one when it has many (one instance at a time per document). */
  async compactIfLarge(docId: string): Promise<void> {
    if (this.compacting.has(docId)) return;
    this.compacting.add(docId);
    try {
      const rows: Array<{ n: string }> = await this.dataSource.query('SELECT count(*) AS n FROM minutes_doc_updates WHERE doc_id = $1', [
        docId,
      ]);
      if (Number(rows[0]?.n ?? 0) < COMPACT_AFTER) return;
      await this.compact(docId);
    } catch (error) {
      this.logger.warn(`Compacting ${docId} failed (tried again later): ${(error as Error).message}`);
    } finally {
      this.compacting.delete(docId);
    }
  }

  async compact(docId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`minutes-doc:${docId}`]);
      const rows: Array<{ id: string; update: Buffer }> = await manager.query(
        'SELECT id, update FROM minutes_doc_updates WHERE doc_id = $1 ORDER BY id',
        [docId],
      );
      if (rows.length < 2) return;
      const merged = Y.mergeUpdates(rows.map((row) => new Uint8Array(row.update)));
      const last = rows.at(-1)?.id;
      await manager.query('DELETE FROM minutes_doc_updates WHERE doc_id = $1 AND id <= $2', [docId, last]);
      await manager.query('INSERT INTO minutes_doc_updates (doc_id, update) VALUES ($1, $2)', [docId, Buffer.from(merged)]);
    });
  }

  private onAwarenessSignal(message: string): void {
    try {
      const { docId } = JSON.parse(message) as { docId?: unknown };
      if (typeof docId !== 'string') return;
      for (const listener of this.awarenessListeners) listener(docId);
    } catch (error) {
      this.logger.warn(`Ignored an awareness fan-out message: ${(error as Error).message}`);
    }
  }

  private async onSignal(message: string): Promise<void> {
    try {
      const { docId, updateId } = JSON.parse(message) as { docId?: unknown; updateId?: unknown };
      if (typeof docId !== 'string' || typeof updateId !== 'number' || this.listeners.size === 0) return;
      const rows: Array<{ update: Buffer }> = await this.dataSource.query(
        'SELECT update FROM minutes_doc_updates WHERE id = $1 AND doc_id = $2',
        [updateId, docId],
      );
      // Compacted away meanwhile: the whole document (applying it again changes nothing known).
      const update = rows[0] ? new Uint8Array(rows[0].update) : (await this.read([docId])).get(docId);
      if (!update) return;
      for (const listener of this.listeners) listener(docId, update);
    } catch (error) {
      this.logger.warn(`Ignored a doc fan-out message: ${(error as Error).message}`);
    }
  }

  // ---- Workflow steps that end editing: editors on every instance flush first ----

  /** Told when another instance's workflow step asks this one to flush its editors of these documents. */
  onFlushRequest(listener: (docIds: string[]) => Promise<void>): () => void {
    this.flushListeners.add(listener);
    return () => this.flushListeners.delete(listener);
  }

  /**
   * Asks the other instances to flush their editors of these documents and waits (at most
   * `waitMs`) for those whose editors' cursors are kept here (the instances with editors in
   * them) to say they did. Ids only on Redis. Without Redis there is no other instance.
   */
  async flushElsewhere(docIds: readonly string[], waitMs: number): Promise<void> {
    if (!this.publisher || docIds.length === 0) return;
    const rows: Array<{ instance_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT instance_id FROM minutes_doc_awareness
       WHERE doc_id = ANY($1::uuid[]) AND instance_id <> $2 AND updated_at > now() - interval '${AWARENESS_STALE_SECONDS} seconds'`,
      [docIds, this.instanceId],
    );
    const waiting = new Set(rows.map((row) => row.instance_id));
    const flushId = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      this.flushWaits.set(flushId, (instanceId) => {
        waiting.delete(instanceId);
        if (waiting.size === 0) resolve();
      });
    });
    try {
      await this.publisher.publish(FLUSH_CHANNEL, JSON.stringify({ flushId, docIds, from: this.instanceId }));
      if (waiting.size > 0) await done;
    } catch (error) {
      this.logger.warn(`Flush fan-out failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.flushWaits.delete(flushId);
    }
  }

  private onFlushSignal(channel: string, message: string): void {
    try {
      const parsed = JSON.parse(message) as { flushId?: unknown; docIds?: unknown; from?: unknown; instanceId?: unknown };
      if (typeof parsed.flushId !== 'string') return;
      if (channel === FLUSHED_CHANNEL) {
        if (typeof parsed.instanceId === 'string') this.flushWaits.get(parsed.flushId)?.(parsed.instanceId);
        return;
      }
      const { flushId, docIds } = parsed;
      if (parsed.from === this.instanceId || !Array.isArray(docIds) || !docIds.every((id) => typeof id === 'string')) return;
      void Promise.all([...this.flushListeners].map((listener) => listener(docIds as string[])))
        .then(() => this.publisher?.publish(FLUSHED_CHANNEL, JSON.stringify({ flushId, instanceId: this.instanceId })))
        .catch((error: Error) => this.logger.warn(`Flush for another instance failed: ${error.message}`));
    } catch (error) {
      this.logger.warn(`Ignored a flush fan-out message: ${(error as Error).message}`);
    }
  }
}
