import { describe, expect, it } from '@jest/globals';
import { rooms } from './rooms.js';

const id = '11111111-1111-4111-8111-111111111111';

describe('rooms', () => {
  it('should address an event to every clearance at or above its classification', () => {
    expect(rooms.clearedFor(id, 'OPEN')).toEqual([
      `committee:${id}:OPEN`,
      `committee:${id}:RESTRICTED`,
      `committee:${id}:CONFIDENTIAL`,
      `committee:${id}:SECRET`,
    ]);
    expect(rooms.clearedFor(id, 'CONFIDENTIAL')).toEqual([`committee:${id}:CONFIDENTIAL`, `committee:${id}:SECRET`]);
    expect(rooms.clearedFor(id, 'SECRET')).toEqual([`committee:${id}:SECRET`]);
  });

  it('should name the clearances that lose sight when a record is raised', () => {
    expect(rooms.losingSight(id, 'OPEN', 'CONFIDENTIAL')).toEqual([`committee:${id}:OPEN`, `committee:${id}:RESTRICTED`]);
    expect(rooms.losingSight(id, 'SECRET', 'OPEN')).toEqual([]);
    expect(rooms.losingSight(id, 'RESTRICTED', 'RESTRICTED')).toEqual([]);
  });
});
