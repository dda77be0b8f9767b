import { describe, expect, it } from '@jest/globals';
import { createLogger, formatLogLine, prettyDestination } from './logger.js';

describe(formatLogLine.name, () => {
  it('should write a request as one readable line: time, level, method, path, status, duration', () => {
    const line = formatLogLine({
      level: 30,
      time: Date.UTC(2026, 10, 29, 10, 42, 7),
      service: 'sidang',
      req: { method: 'GET', url: '/api/committees' },
      res: { statusCode: 200 },
      responseTime: 12.4,
      msg: 'request completed',
    });
    expect(line).toBe('10:42:07 INFO  GET /api/committees 200 12ms\n');
  });

  it('should write other records with their context and extra fields', () => {
    const line = formatLogLine({ level: 40, time: Date.UTC(2026, 0, 1, 8, 0, 0), context: 'Seed', msg: 'Seeded', committees: 2 });
    expect(line).toBe('08:00:00 WARN  [Seed] Seeded committees=2\n');
  });
});

describe(createLogger.name, () => {
  it('should write readable lines through the pretty destination', () => {
    const written: string[] = [];
    const destination = prettyDestination({ write: (text: string) => written.push(text) });
    destination.write(`${JSON.stringify({ level: 30, time: 0, msg: 'Sidang is up' })}\n`);
    expect(written).toEqual(['00:00:00 INFO  Sidang is up\n']);
  });

  it('should log JSON when asked', () => {
    expect(createLogger('info', 'json').level).toBe('info');
  });
});
