import { addDays, format, formatDistanceToNow, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { registeredDateLocale } from './i18n/i18n.ts';

export const COMMITTEE_TIME_ZONE = 'Asia/Kuala_Lumpur';

/** Kuala Lumpur keeps UTC+08:00 all year: Malaysia has had one offset, and no summer time, since 1982. */
const COMMITTEE_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today's date (YYYY-MM-DD) in Kuala Lumpur, whatever the device's time zone. Computed from the
 * fixed offset, not with `Intl.DateTimeFormat({ timeZone })`: loading the time-zone data for
 * that is the longest task of a phone's first screen (half a second unthrottled on a desktop).
 */
export function todayInCommitteeZone(now: Date = new Date()): string {
  return new Date(now.getTime() + COMMITTEE_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Kuala Lumpur calendar day (YYYY-MM-DD) an instant falls on. */
export function committeeDayOf(iso: string): string {
  return todayInCommitteeZone(parseISO(iso));
}

/** A deadline "by" a Kuala Lumpur calendar day: the last second of that day, as an ISO instant. */
export function endOfCommitteeDay(isoDate: string): string {
  return `${isoDate}T23:59:59+08:00`;
}

/** Adds days to an ISO date, staying in calendar arithmetic (no time zone involved). */
export function addDaysIso(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const next = addDays(new Date(Date.UTC(y, m - 1, d)), days);
  return next.toISOString().slice(0, 10);
}

/** Whether a due date falls in the seven days starting today. */
export function isDueWithinWeek(dueDate: string | null, today: string): boolean {
  return dueDate !== null && dueDate >= today && dueDate <= addDaysIso(today, 6);
}

/** Malay's date words arrive with its strings (see i18n.ts); English is always here. */
function dateLocale(lng: string) {
  return registeredDateLocale(lng) ?? enGB;
}

/** "30 Jun 2025" / "30 Jun 2025" in Malay: a calendar date with no time zone shift. */
export function formatIsoDate(isoDate: string, lng: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'd MMM yyyy', { locale: dateLocale(lng) });
}

/** "14 Dec" / "14 Dis": a near calendar day, without its year. */
export function formatShortDate(isoDate: string, lng: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'd MMM', { locale: dateLocale(lng) });
}

export function formatTimestamp(iso: string, lng: string): string {
  return format(parseISO(iso), 'd MMM yyyy, HH:mm', { locale: dateLocale(lng) });
}

export function formatRelative(iso: string, lng: string): string {
  return formatDistanceToNow(parseISO(iso), { locale: dateLocale(lng) });
}
