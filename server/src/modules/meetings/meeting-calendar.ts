import { TZDate } from '@date-fns/tz';
import { type Classification, MEETING_TIME_ZONE, type Meeting } from '@sidang/shared';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';

/** How a classification is marked on the calendar entry (Malaysian markings). */
const MARKING: Record<Classification, string> = {
  OPEN: '',
  RESTRICTED: 'TERHAD',
  CONFIDENTIAL: 'SULIT',
  SECRET: 'RAHSIA',
};

const DEFAULT_LENGTH_MS = 3 * 3600 * 1000;

/** One meeting of a calendar, with the code of its committee. */
export interface CalendarEntry {
  meeting: Meeting;
  committeeCode: string;
}

/**
 * Meetings as one iCalendar file, in Asia/Kuala_Lumpur with its VTIMEZONE (so a calendar in
 * any zone shows the right time). A classified meeting carries its marking in the title.
 */
export function meetingsCalendar(name: string, entries: readonly CalendarEntry[]): string {
  const calendar = ical({ prodId: { company: 'Sidang', product: 'Meetings', language: 'EN' }, name });
  calendar.timezone({ name: MEETING_TIME_ZONE, generator: getVtimezoneComponent });
  for (const { meeting, committeeCode } of entries) {
    const start = new Date(meeting.startsAt);
    const end = meeting.endsAt ? new Date(meeting.endsAt) : new Date(start.getTime() + DEFAULT_LENGTH_MS);
    const marking = MARKING[meeting.classification];
    calendar.createEvent({
      id: `${meeting.id}@sidang`,
      // Local wall-clock times in the committee's zone, written with its TZID.
      start: new TZDate(start.getTime(), MEETING_TIME_ZONE),
      end: new TZDate(end.getTime(), MEETING_TIME_ZONE),
      timezone: MEETING_TIME_ZONE,
      summary: `${marking ? `[${marking}] ` : ''}${committeeCode} ${meeting.number ?? '(Draf)'}: ${meeting.title}`,
      location: meeting.venue || null,
      url: meeting.onlineUrl,
      description: meeting.onlineUrl ? `Online: ${meeting.onlineUrl}` : null,
      sequence: meeting.version,
      stamp: new Date(meeting.updatedAt),
    });
  }
  return calendar.toString();
}

/** The meeting as an iCalendar file of its own. */
export function meetingCalendar(meeting: Meeting, committeeCode: string): string {
  return meetingsCalendar(`${committeeCode} meetings`, [{ meeting, committeeCode }]);
}
