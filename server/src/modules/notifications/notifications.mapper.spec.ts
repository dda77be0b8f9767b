import { describe, expect, it } from '@jest/globals';
import { toNotification } from './notifications.mapper.js';
import type { NotificationRow } from './notifications.repository.js';

const ROW: NotificationRow = {
  id: '00000000-0000-4000-8000-000000000001',
  n: '1',
  kind: 'record.changed',
  committee_id: '00000000-0000-4000-8000-000000000002',
  entity_type: 'negotiation-round',
  entity_id: '00000000-0000-4000-8000-000000000003',
  detail: {},
  at: new Date('2026-02-02T01:00:00.000Z'),
  read_at: null,
  actor_name: 'Urus setia',
  visible_level: 0,
  data: { number: 2, venue: 'Putrajaya' },
  field_levels: null,
  parent_id: '00000000-0000-4000-8000-000000000004',
  grandparent_id: null,
  great_grandparent_id: null,
  parent_type: 'negotiation',
  parent_data: { title: 'EU FTA' },
  parent_field_levels: null,
};

describe(toNotification.name, () => {
  it("should name a followed record in the recipient's language, in its title and its sentence", () => {
    const ms = toNotification(ROW, 'OPEN', 'ms');
    expect(ms.title).toBe('Pusingan 2');
    expect(ms.text).toBe('Urus setia mengubah pusingan rundingan “Pusingan 2”');
    const en = toNotification(ROW, 'OPEN', 'en');
    expect(en.title).toBe('Round 2');
    expect(en.text).toContain('“Round 2”');
  });

  it("should write a bilateral meeting's date as the reader's short date, never the raw ISO date", () => {
    const row: NotificationRow = {
      ...ROW,
      entity_type: 'bilateral-meeting',
      data: { counterpart: 'JICA', country: 'JP', date: '2026-08-02' },
      parent_id: null,
      parent_type: null,
      parent_data: null,
    };
    expect(toNotification(row, 'OPEN', 'ms').text).toContain('“JICA (JP), 2 Ogo 2026”');
    expect(toNotification(row, 'OPEN', 'en').title).toBe('JICA (JP), 2 Aug 2026');
  });
});
