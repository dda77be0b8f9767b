import { describe, expect, it } from '@jest/globals';
import { fullViewLevel, higherOf, projectFor } from './visibility.js';

describe(projectFor.name, () => {
  const record = {
    id: 'n1',
    classification: 'CONFIDENTIAL' as const,
    position: 'open position',
    redLines: 'MARKER-RED-LINE',
    fieldClassifications: { redLines: 'SECRET' as const },
  };

  it('should remove a field above the reader and name it in redactedFields', () => {
    const seen = projectFor(record, 'CONFIDENTIAL') as Record<string, unknown>;
    expect(seen.redLines).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('MARKER-RED-LINE');
    expect(seen.redactedFields).toEqual(['redLines']);
    expect(seen.position).toBe('open position');
  });

  it('should give a reader cleared for every field the whole record', () => {
    expect(projectFor(record, 'SECRET')).toBe(record);
  });

  it('should leave a record without field levels untouched', () => {
    const plain = { id: 'a', title: 't' };
    expect(projectFor(plain, 'OPEN')).toBe(plain);
  });
});

describe(fullViewLevel.name, () => {
  it('should be the highest of the record and its fields', () => {
    expect(fullViewLevel('RESTRICTED', { a: 'SECRET', b: 'OPEN' })).toBe('SECRET');
    expect(fullViewLevel('CONFIDENTIAL', undefined)).toBe('CONFIDENTIAL');
  });
});

describe(higherOf.name, () => {
  it('should pick the higher level whichever side it is on', () => {
    expect(higherOf('OPEN', 'SECRET')).toBe('SECRET');
    expect(higherOf('CONFIDENTIAL', 'RESTRICTED')).toBe('CONFIDENTIAL');
  });
});
