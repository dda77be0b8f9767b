import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Logger, pino } from 'pino';
import { type AppConfig, configSchema } from '../config/config.js';
import { currentLogContext } from './request-context.js';

export type LogFormat = AppConfig['LOG_FORMAT'];

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that are shown in the line itself rather than as key=value. */
const SHOWN = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'context', 'req', 'res', 'responseTime']);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/**
 * One pino JSON record as one terminal line:
 * `10:42:07 INFO  GET /api/committees 200 12ms` or `10:42:07 WARN  [Context] message key=value`.
 */
export function formatLogLine(record: Record<string, unknown>): string {
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now()).toISOString().slice(11, 19);
  const level = (LEVEL_NAMES[Number(record.level)] ?? String(record.level)).padEnd(5);
  const parts = [time, level];
  const req = record.req as { method?: string; url?: string } | undefined;
  const res = record.res as { statusCode?: number } | undefined;
  if (req?.method) {
    parts.push(`${req.method} ${req.url ?? ''}`, String(res?.statusCode ?? ''));
    if (typeof record.responseTime === 'number') parts.push(`${Math.round(record.responseTime)}ms`);
  } else {
    if (record.context) parts.push(`[${String(record.context)}]`);
    if (record.msg !== undefined) parts.push(String(record.msg));
  }
  for (const [key, v] of Object.entries(record)) {
    if (!SHOWN.has(key) && v !== undefined && key !== 'err' && key !== 'trace') parts.push(`${key}=${value(v)}`);
  }
  const err = record.err as { stack?: string; message?: string } | undefined;
  const trace = typeof record.trace === 'string' ? record.trace : err?.stack;
  return `${parts.join(' ')}${trace ? `\n${trace}` : ''}\n`;
}

/** A synchronous destination that writes each record as a readable line. */
export function prettyDestination(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return {
    write(line: string) {
      try {
        out.write(formatLogLine(JSON.parse(line) as Record<string, unknown>));
      } catch {
        out.write(line);
      }
    },
  };
}

/** LOG_FORMAT from the environment, parsed by the same schema as the rest of the configuration. */
function formatFromEnvironment(): LogFormat {
  const parsed = configSchema.shape.LOG_FORMAT.safeParse(process.env.LOG_FORMAT);
  return parsed.success ? parsed.data : 'pretty';
}

/**
 * The request a log line belongs to: the one being served where it is written (an HTTP request
 * or a socket message), else (the request's own completion line, written when the response
 * finishes) the one its response answers; and the background job being run, if any.
 */
function requestIdMixin(record: object): { requestId?: string; jobId?: string; job?: string } {
  const context = currentLogContext();
  const requestId = context?.requestId ?? (record as { res?: { req?: { id?: unknown } } }).res?.req?.id;
  const ids: { requestId?: string; jobId?: string; job?: string } = typeof requestId === 'string' ? { requestId } : {};
  if (context?.jobId) {
    ids.jobId = context.jobId;
    ids.job = context.job;
  }
  return ids;
}

/**
 * The process's logger. `destination` replaces standard output (tests read the lines); in the
 * `pretty` format the lines are formatted before they reach it.
 */
export function createLogger(level: string, format: LogFormat = formatFromEnvironment(), destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'sidang' }, mixin: requestIdMixin };
  if (format === 'json') return destination ? pino(options, destination) : pino(options);
  return pino(options, destination ? prettyDestination(destination) : prettyDestination());
}

/** Nest's start-up chatter (one line per module and route): kept for LOG_LEVEL=debug. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

/** Nest's logger interface over pino: one structured log stream for the whole process. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && BOOT_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
