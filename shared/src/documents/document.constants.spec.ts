import { describe, expect, it } from '@jest/globals';
import { formatBytes, paperNumber, parsePaperNumber } from './document.constants.js';

describe('formatBytes', () => {
  it('should say sizes as people read them, in both languages', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(20)).toBe('20 bytes');
    expect(formatBytes(20, 'ms')).toBe('20 bait');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(340 * 1024)).toBe('340 KB');
    expect(formatBytes(1_258_291)).toBe('1.2 MB');
    expect(formatBytes(20 * 1024 * 1024, 'ms')).toBe('20 MB');
    expect(formatBytes(3 * 1024 ** 3 + 512 * 1024 ** 2)).toBe('3.5 GB');
  });
});

describe('paper numbers', () => {
  it('should write and read "Kertas Bil. n/yyyy", and nothing else', () => {
    expect(paperNumber(4, 2026)).toBe('Kertas Bil. 4/2026');
    expect(parsePaperNumber('Kertas Bil. 12/2026')).toEqual({ seq: 12, year: 2026 });
    expect(parsePaperNumber('Kertas 12/2026')).toBeNull();
    expect(parsePaperNumber(null)).toBeNull();
  });
});
