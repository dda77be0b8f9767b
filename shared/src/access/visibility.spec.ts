import { describe, expect, it } from '@jest/globals';
import { fullViewLevel, higherFieldLevels, higherOf, lowerOf, projectFor } from './visibility.js';

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

  it('should withhold a pointer field as null with its flag, never removing it', () => {
    const meeting = {
      id: 'm1',
      classification: 'OPEN' as const,
      currentAgendaItemId: 'ITEM-MARKER',
      currentItemStartedAt: '2031-07-01T01:00:00.000Z',
      currentItemRestricted: false,
      fieldClassifications: { currentAgendaItemId: 'SECRET' as const, currentItemStartedAt: 'SECRET' as const },
    };
    const seen = projectFor(meeting, 'CONFIDENTIAL') as Record<string, unknown>;
    expect(seen.currentAgendaItemId).toBeNull();
    expect(seen.currentItemStartedAt).toBeNull();
    expect(seen.currentItemRestricted).toBe(true);
    expect(seen.redactedFields).toEqual(['currentAgendaItemId', 'currentItemStartedAt']);
    expect(JSON.stringify(seen)).not.toContain('ITEM-MARKER');
    // Positive control: the reader cleared for the item gets the pointer.
    expect(projectFor(meeting, 'SECRET')).toBe(meeting);
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

describe(lowerOf.name, () => {
  it('should pick the lower level whichever side it is on', () => {
    expect(lowerOf('OPEN', 'SECRET')).toBe('OPEN');
    expect(lowerOf('CONFIDENTIAL', 'RESTRICTED')).toBe('RESTRICTED');
  });
});

describe(higherFieldLevels.name, () => {
  const logged = { id: 'n', title: 'Chapter', redLines: 'Early', position: 'Hold', fieldClassifications: { position: 'SECRET' as const } };

  it('should project a logged copy through the higher of its field levels and the current ones', () => {
    // Logged when the red lines were open; raised since. The reader below gets neither field.
    const current = { redLines: 'SECRET' as const, position: 'RESTRICTED' as const };
    expect(projectFor(logged, 'CONFIDENTIAL', current)).toEqual({
      id: 'n',
      title: 'Chapter',
      fieldClassifications: { position: 'SECRET', redLines: 'SECRET' },
      redactedFields: ['position', 'redLines'],
    });
    // Positive control: the SECRET reader gets every value.
    expect(projectFor(logged, 'SECRET', current)).toBe(logged);
  });

  it('should keep the logged levels when nothing is raised, and take no level for a field the copy does not hold', () => {
    expect(higherFieldLevels(logged.fieldClassifications, null, logged)).toBe(logged.fieldClassifications);
    expect(higherFieldLevels(logged.fieldClassifications, { position: 'OPEN' }, logged)).toBe(logged.fieldClassifications);
    expect(projectFor({ id: 'n' }, 'OPEN', { redLines: 'SECRET' })).toEqual({ id: 'n' });
  });
});
