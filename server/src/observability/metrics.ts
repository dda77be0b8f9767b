import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** What the realtime side reports when scraped: this node's live sockets and their subscriptions. */
export interface RealtimeCounts {
  sockets: number;
  subscriptions: number;
  committees: number;
}

/** The slice of a `pg` pool read here. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  connect: (...args: unknown[]) => unknown;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Mail that is still to go out (or going out now): what the outbox gauge counts, by status. */
const OUTBOX_WAITING = ['pending', 'held', 'sending'] as const;

/**
 * Every metric of one app instance, in one registry of its own (several apps in one process —
 * the tests — do not share counters). Labels are few and bounded: a route is its template
 * (`/api/action-items/:id`), never the raw path; a status is its class (`2xx`).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'sidang_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly relayLag = new Histogram({
    name: 'sidang_relay_lag_seconds',
    help: 'Time from a change being committed to its emit to this node’s sockets',
    labelNames: ['path'] as const,
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });

  readonly sweepCatchUps = new Counter({
    name: 'sidang_relay_sweep_catchups_total',
    help: 'Committees whose new changes this node found by its safety-net sweep rather than a signal',
    registers: [this.registry],
  });

  readonly poolAcquire = new Histogram({
    name: 'sidang_db_pool_acquire_seconds',
    help: 'Time a query or transaction waited for a database connection',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    registers: [this.registry],
  });

  readonly poolTimeouts = new Counter({
    name: 'sidang_db_pool_timeouts_total',
    help: 'Requests answered 503 because no database connection became free in DB_ACQUIRE_TIMEOUT_MS',
    registers: [this.registry],
  });

  private realtime: (() => RealtimeCounts) | null = null;
  private pool: PgPool | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const metrics = this;
    new Gauge({
      name: 'sidang_socket_connections',
      help: 'Live socket.io connections on this node',
      registers: [this.registry],
      collect() {
        this.set(metrics.realtime?.().sockets ?? 0);
      },
    });
    new Gauge({
      name: 'sidang_socket_subscriptions',
      help: 'Committee subscriptions of this node’s live sockets',
      registers: [this.registry],
      collect() {
        this.set(metrics.realtime?.().subscriptions ?? 0);
      },
    });
    new Gauge({
      name: 'sidang_relay_committees',
      help: 'Committees this node relays (one cursor each)',
      registers: [this.registry],
      collect() {
        this.set(metrics.realtime?.().committees ?? 0);
      },
    });
    new Gauge({
      name: 'sidang_db_pool_waiting',
      help: 'Queries waiting for a free database connection at the scrape',
      registers: [this.registry],
      collect() {
        this.set(metrics.pool?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'sidang_db_pool_connections',
      help: 'Open database connections of this node, idle or in use',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = metrics.pool;
        this.set({ state: 'idle' }, pool?.idleCount ?? 0);
        this.set({ state: 'busy' }, pool ? pool.totalCount - pool.idleCount : 0);
      },
    });
    new Gauge({
      name: 'sidang_mail_outbox_depth',
      help: 'E-mails in the outbox not yet sent, by status (pending, held for a digest, sending)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const depth = await metrics.outboxDepth();
        if (!depth) return;
        for (const status of OUTBOX_WAITING) this.set({ status }, depth.get(status) ?? 0);
      },
    });
    this.watchPool();
  }

  /** The realtime gateway's counts, read at each scrape. */
  reportRealtime(source: () => RealtimeCounts): void {
    this.realtime = source;
  }

  /** Express middleware: one latency observation per request, by its route's template. */
  httpMiddleware() {
    return (request: Request, response: Response, next: NextFunction): void => {
      const began = performance.now();
      response.once('finish', () => {
        const seconds = (performance.now() - began) / 1000;
        this.httpDuration.observe(
          {
            method: METHODS.has(request.method) ? request.method : 'OTHER',
            route: routeTemplate(request),
            status: `${Math.floor(response.statusCode / 100)}xx`,
          },
          seconds,
        );
      });
      next();
    };
  }

  /** The Prometheus text of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Times every wait for a connection of the app's `pg` pool. */
  private watchPool(): void {
    const pool = (this.dataSource.driver as { master?: PgPool }).master;
    if (!pool || typeof pool.connect !== 'function') return;
    this.pool = pool;
    const connect = pool.connect.bind(pool);
    const observe = (began: number) => this.poolAcquire.observe((performance.now() - began) / 1000);
    pool.connect = (...args: unknown[]) => {
      const began = performance.now();
      const callback = args[0];
      if (typeof callback === 'function') {
        return connect((...results: unknown[]) => {
          observe(began);
          return (callback as (...values: unknown[]) => unknown)(...results);
        });
      }
      return (connect() as Promise<unknown>).finally(() => observe(began));
    };
  }

  private async outboxDepth(): Promise<Map<string, number> | undefined> {
    if (!this.dataSource.isInitialized) return undefined;
    try {
      const rows: Array<{ status: string; count: string | number }> = await withTimeout(
        this.dataSource.query(`SELECT status, count(*) AS count FROM mail_outbox WHERE status = ANY($1::varchar[]) GROUP BY status`, [
          [...OUTBOX_WAITING],
        ]),
        2_000,
      );
      return new Map(rows.map((row) => [row.status, Number(row.count)]));
    } catch {
      // The database does not answer: the gauge keeps its last value; /api/health/ready says why.
      return undefined;
    }
  }
}

/**
 * The template of the route that served a request (`/api/meetings/:id`), never its raw path:
 * `static` for the built client's files and pages, `unmatched` for an API path no route has.
 */
export function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl ?? ''}${route.path}`;
  const path = request.originalUrl ?? request.url;
  if (path.startsWith('/api/') || path === '/api') return 'unmatched';
  if (path.startsWith('/socket.io/')) return 'socket.io';
  if (path === '/metrics') return '/metrics';
  return 'static';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
