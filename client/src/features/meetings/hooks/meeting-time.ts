import { MEETING_TIME_ZONE } from '@sidang/shared';

function intlLocale(lng: string): string {
  return lng === 'ms' ? 'ms-MY' : 'en-GB';
}

function dateFormatter(lng: string, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(lng), { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

function timeFormatter(lng: string, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(lng), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function span(startsAt: string, endsAt: string | null, lng: string, timeZone: string | undefined): string {
  const start = new Date(startsAt);
  const date = dateFormatter(lng, timeZone).format(start);
  const time = timeFormatter(lng, timeZone);
  if (!endsAt) return `${date}, ${time.format(start)}`;
  const end = new Date(endsAt);
  const sameDay = dateFormatter(lng, timeZone).format(end) === date;
  return sameDay
    ? `${date}, ${time.format(start)}–${time.format(end)}`
    : `${date}, ${time.format(start)} – ${dateFormatter(lng, timeZone).format(end)}, ${time.format(end)}`;
}

/** The device's zone (the browser's own, or an override for tests). */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * When a meeting is held: in Kuala Lumpur time always, and in the reader's own zone too when
 * that reads differently (an officer abroad).
 */
export function meetingTimes(
  meeting: { startsAt: string; endsAt: string | null },
  lng: string,
  readerZone: string = readerTimeZone(),
): { kl: string; reader: string | null } {
  const kl = span(meeting.startsAt, meeting.endsAt, lng, MEETING_TIME_ZONE);
  const reader = span(meeting.startsAt, meeting.endsAt, lng, readerZone);
  return { kl, reader: reader === kl ? null : reader };
}

/** A `datetime-local` value typed in Kuala Lumpur time as an ISO date-time with its offset. */
export function klInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return `${value}:00+08:00`;
}

/** "04:05", "1:02:03": time elapsed on an item. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}
