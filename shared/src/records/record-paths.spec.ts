import { describe, expect, it } from '@jest/globals';
import { openPath, pageOf, RECORD_ROUTES, recordPath } from './record-paths.js';
import { ENTITY_TYPES, type EntityType, SEARCHABLE_TYPES } from './record-types.js';

const c = 'c0';
const id = 'r0';
/** The records that govern one of each type, nearest first (ids named after their type). */
const UP: Readonly<Record<EntityType, readonly string[]>> = {
  'action-item': [],
  'progress-update': ['action-1'],
  member: [],
  meeting: [],
  'agenda-item': ['meeting-1'],
  attendance: ['meeting-1'],
  decision: ['agenda-1', 'meeting-1'],
  'bilateral-meeting': [],
  'bilateral-commitment': ['bilateral-1'],
  agreement: [],
  negotiation: [],
  'negotiation-round': ['negotiation-1'],
  'rnd-project': [],
  'rnd-milestone': ['project-1'],
  'record-link': [],
  document: ['agenda-1', 'meeting-1'],
  annotation: ['document-1', 'agenda-1', 'meeting-1'],
  minutes: ['meeting-1'],
  'minutes-section': ['minutes-1', 'meeting-1'],
  'minutes-comment': ['section-1', 'minutes-1', 'meeting-1'],
  'committee-settings': [],
  vote: ['agenda-1', 'meeting-1'],
  interest: ['agenda-1', 'meeting-1'],
  resolution: [],
};

/** Where each type opens (`openPath`): its own place, else its governing record's. */
const OPENS: Readonly<Record<EntityType, string | undefined>> = {
  'action-item': '/c/c0/actions/r0',
  'progress-update': '/c/c0/actions/action-1',
  member: undefined,
  meeting: '/c/c0/meetings/r0',
  'agenda-item': '/c/c0/meetings/meeting-1',
  attendance: '/c/c0/meetings/meeting-1',
  decision: '/c/c0/meetings/meeting-1',
  'bilateral-meeting': '/c/c0/registers/bilateral/r0',
  'bilateral-commitment': '/c/c0/registers/bilateral/bilateral-1',
  agreement: '/c/c0/registers/bilateral',
  negotiation: '/c/c0/registers/negotiations/r0',
  'negotiation-round': '/c/c0/registers/negotiations/negotiation-1',
  'rnd-project': '/c/c0/registers/rnd/r0',
  'rnd-milestone': '/c/c0/registers/rnd/project-1',
  'record-link': undefined,
  document: '/c/c0/meetings/meeting-1',
  annotation: '/c/c0/meetings/meeting-1/papers/document-1',
  minutes: '/c/c0/meetings/meeting-1',
  'minutes-section': '/c/c0/meetings/meeting-1/minutes',
  'minutes-comment': '/c/c0/meetings/meeting-1/minutes',
  'committee-settings': undefined,
  vote: '/c/c0/meetings/meeting-1',
  interest: '/c/c0/meetings/meeting-1',
  resolution: '/c/c0/resolutions/r0',
};

describe(openPath.name, () => {
  it.each(ENTITY_TYPES.map((type) => [type]))('should open a %s where its page or its governing record is', (type) => {
    expect(openPath(type, c, id, UP[type])).toBe(OPENS[type]);
  });

  it('should open a paper straight under a meeting on that meeting', () => {
    expect(openPath('document', c, id, ['meeting-1'])).toBe('/c/c0/meetings/meeting-1');
  });

  it('should build every path from the ids it is given only', () => {
    for (const type of ENTITY_TYPES) {
      const path = openPath(type, c, id, UP[type]) ?? '';
      const words = path.split('/').filter((part) => part !== '');
      const ids = new Set([c, id, ...UP[type]]);
      // Every segment is an id or a fixed word of the route, never anything else of the record.
      expect(words.filter((word) => !ids.has(word)).every((word) => /^[a-z]+$/.test(word))).toBe(true);
    }
  });
});

describe(recordPath.name, () => {
  it('should give every searchable type a place of its own', () => {
    for (const type of SEARCHABLE_TYPES) expect(recordPath(type, c, id, UP[type])).toBeDefined();
  });

  it('should give nothing for a type nobody opens, not even its parent’s place', () => {
    expect(recordPath('minutes', c, id, UP.minutes)).toBeUndefined();
    expect(ENTITY_TYPES.filter((type) => RECORD_ROUTES[type] === null)).toEqual([
      'member',
      'attendance',
      'record-link',
      'minutes',
      'minutes-comment',
      'committee-settings',
    ]);
  });
});

describe(pageOf.name, () => {
  it('should give only the types with a page of their own', () => {
    expect(ENTITY_TYPES.filter((type) => pageOf(type, c, id) !== undefined)).toEqual([
      'action-item',
      'meeting',
      'bilateral-meeting',
      'negotiation',
      'rnd-project',
      'resolution',
    ]);
  });
});
