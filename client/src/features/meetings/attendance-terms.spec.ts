import { describe, expect, it } from '@jest/globals';
import { ATTENDANCE_WORDS } from '@sidang/shared';
import { minutesEn, minutesMs } from '../minutes/minutes-locales.ts';
import { meetingsEn, meetingsMs } from './meetings-locales.ts';

/**
 * Those at a meeting who are not counted as present (guests, invitees) have one name, the
 * glossary's (DOMAIN.md: in attendance — hadir bersama): the attendance panel, the minutes
 * screen, the activity's words and the minutes PDF (which prints the Malay term in capitals,
 * `ATTENDANCE_WORDS`) all say it.
 */
describe('the term for those in attendance', () => {
  it('should be the glossary’s in English and in Malay on every screen that names it', () => {
    const [english, malay] = ATTENDANCE_WORDS.in_attendance ?? ['', ''];
    expect([english, malay]).toEqual(['In attendance', 'Hadir bersama']);
    expect([
      meetingsEn.meetings.attendance.status.in_attendance,
      meetingsEn.meetings.attendance.group.in_attendance,
      minutesEn.attendance.inAttendance,
    ]).toEqual([english, english, english]);
    expect([
      meetingsMs.meetings.attendance.status.in_attendance,
      meetingsMs.meetings.attendance.group.in_attendance,
      minutesMs.attendance.inAttendance,
    ]).toEqual([malay, malay, malay]);
    expect(meetingsMs.meetings.guests.heading).toMatch(new RegExp(`^${malay}\\b`));
  });
});
