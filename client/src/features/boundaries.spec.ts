import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The client's layers: a feature uses another only through its public index
 * (`features/<x>/index.ts`), and lib (below every feature) imports none of them (biome's
 * noRestrictedImports on client/src/lib says so too). Tests and their fixtures may reach further.
 */
const SRC = join(process.cwd(), 'client', 'src');
const FEATURES = join(SRC, 'features');
/** A side-effect import of another feature's strings, not a use of its code. */
const ALLOWED = new Set(['links/links-panel.tsx -> registers/i18n/load-strings.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) && entry.name !== 'test-fixtures.ts' ? [path] : [];
  });
}

/** Every relative module a file imports: static, side-effect only, re-exported or dynamic. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.[^']*)'/g);
  return [...found].map((match) => normalize(join(dirname(file), match[1] ?? '')));
}

const featureOf = (path: string): string | undefined => {
  const inFeatures = relative(FEATURES, path);
  return inFeatures.startsWith('..') ? undefined : inFeatures.split(sep)[0];
};

describe('client layers', () => {
  it('should let a feature import another only through its index', () => {
    const crossings = sourceFiles(FEATURES).flatMap((file) =>
      relativeImports(file)
        .filter((target) => {
          const feature = featureOf(target);
          return feature !== undefined && feature !== featureOf(file) && target !== join(FEATURES, feature, 'index.ts');
        })
        .map((target) => `${relative(FEATURES, file)} -> ${relative(FEATURES, target)}`.split(sep).join('/'))
        .filter((crossing) => !ALLOWED.has(crossing)),
    );
    expect(crossings).toEqual([]);
  });

  it('should keep lib free of features and the app', () => {
    const upward = sourceFiles(join(SRC, 'lib')).flatMap((file) =>
      relativeImports(file)
        .filter((target) => target.startsWith(FEATURES + sep) || target.startsWith(join(SRC, 'app') + sep))
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('should see a crossing when there is one (positive control)', () => {
    const file = join(FEATURES, 'links', 'links-panel.tsx');
    expect(relativeImports(file).some((target) => featureOf(target) === 'registers')).toBe(true);
  });
});
