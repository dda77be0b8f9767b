import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = new URL('../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

type Version = [number, number, number];

function parse(text: string): { version: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.');
  const numbers = parts.filter((part) => /^\d+$/.test(part)).map(Number);
  return { version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], given: numbers.length };
}

function compare(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return (a[index] ?? 0) - (b[index] ?? 0);
  return 0;
}

/** One comparator of an `engines` range: `>=20.19`, `^20.19.0`, `20`, `6.*`, `*`. */
function admits(comparator: string, node: Version): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?\s*(.*)$/.exec(comparator.trim());
  const [, operator = '', text = ''] = match ?? [];
  if (text === '*' || text === '' || text === 'x') return true;
  const { version, given } = parse(text);
  const order = compare(node, version);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
      return order >= 0 && node[0] === version[0];
    case '~':
      return order >= 0 && node[0] === version[0] && node[1] === version[1];
    default:
      // `20`, `20.x`, `6.*`: the same major (and minor, when given).
      return node[0] === version[0] && (given < 2 || node[1] === version[1]) && (given < 3 || node[2] === version[2]);
  }
}

/** An npm `engines.node` range: alternatives joined by `||`, each comparators joined by spaces. */
function satisfies(range: string, node: Version): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => admits(comparator, node)),
  );
}

describe('toolchain', () => {
  it('should read engines ranges as npm does', () => {
    expect(satisfies('>=22', [20, 19, 0])).toBe(false);
    expect(satisfies('^20.19.0 || >=22.12.0', [20, 19, 0])).toBe(true);
    expect(satisfies('^20.19.0 || >=22.12.0', [22, 11, 0])).toBe(false);
    expect(satisfies('>=16 || 14 >=14.17', [14, 18, 0])).toBe(true);
    expect(satisfies('6.* || 8.* || >= 10.*', [20, 19, 0])).toBe(true);
    expect(satisfies('18 || 20 || >=22', [21, 0, 0])).toBe(false);
  });

  it('should install every package on the oldest Node the project states (no engine warning)', () => {
    const stated = json('package.json').engines.node as string;
    const oldest = parse(stated.replace(/^>=\s*/, '')).version;
    expect(oldest).toEqual([20, 19, 0]);
    const lock = json('package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refused = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
      return range && !satisfies(range, oldest) ? [`${path}: node ${range}`] : [];
    });
    expect(refused).toEqual([]);
  });

  it("should keep the client build's output to its own lines (no plugin-timing block)", async () => {
    // Read as the build reads it (a path the compiler of this workspace does not follow).
    const { default: config } = (await import(fileURLToPath(new URL('client/vite.config.ts', root)))) as {
      default: { build?: { rolldownOptions?: { checks?: { bundlerTimings?: boolean } } } };
    };
    expect(config.build?.rolldownOptions?.checks?.bundlerTimings).toBe(false);
  });
});
