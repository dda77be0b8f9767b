import { describe, expect, it } from '@jest/globals';
import { minutesKeys } from './minutes-keys.ts';
import { isPersistedQueryKey, queryKeys } from './query-keys.ts';

describe('minutes kept on the device for offline reading', () => {
  it('should keep the minutes, their sections, comments and versions, and the meeting attendance they show', () => {
    for (const key of [
      minutesKeys.full('m'),
      minutesKeys.record('m'),
      minutesKeys.sections('x'),
      minutesKeys.comments('x'),
      minutesKeys.versions('x'),
      minutesKeys.version('x', 2),
      queryKeys.attendance('m'),
      queryKeys.agendaItems('m'),
      queryKeys.meeting('m'),
    ]) {
      expect(isPersistedQueryKey(key)).toBe(true);
    }
  });

  it('should not keep removal markers', () => {
    expect(isPersistedQueryKey(['removed', 'minutes', 'x'])).toBe(false);
  });
});
