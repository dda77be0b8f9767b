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
/** Compact a document once it holds this many incremental updates. */
export const COMPACT_AFTER = 200;

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
  /** This instance, as the owner of the awareness rows its sockets speak for. */
  private readonly instanceId = randomUUID();
  private lastSweep = 0;
  private readonly compacting = new Set<string>();

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
      else void this.onSignal(message);
    });
    // Never hang the start on Redis: the committee fan-out already refuses a wrong REDIS_URL.
    await Promise.race([
      this.subscriber.subscribe(CHANNEL, AWARENESS_CHANNEL),
      new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
    ]).catch((error: Error) => this.logger.warn(`Doc fan-out subscribe failed: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    this.awarenessListeners.clear();
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
   * and tells the other instances the document's id.
   */
  async saveAwareness(docId: string, entries: ReadonlyArray<{ clientId: number; message: Uint8Array }>): Promise<void> {
    if (!this.publisher || entries.length === 0) return;
    for (const { clientId, message } of entries) {
      await this.dataSource.query(
        `INSERT INTO minutes_doc_awareness (doc_id, client_id, instance_id, message, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (doc_id, client_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, message = EXCLUDED.message, updated_at = now()`,
        [docId, clientId, this.instanceId, Buffer.from(message)],
      );
    }
    this.publisher
      .publish(AWARENESS_CHANNEL, JSON.stringify({ docId }))
      .catch((error: Error) => this.logger.warn(`Awareness fan-out failed: ${error.message}`));
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      await this.dataSource
        .query(`DELETE FROM minutes_doc_awareness WHERE updated_at < now() - interval '${AWARENESS_STALE_SECONDS} seconds'`)
        .catch((error: Error) => this.logger.warn(`Awareness sweep failed: ${error.message}`));
    }
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
    for (const [docId, updates] of byDoc) out.set(docId, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    return out;
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
}
