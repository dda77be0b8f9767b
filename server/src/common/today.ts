/** Today's date (YYYY-MM-DD) in an IANA time zone, e.g. the committee's Asia/Kuala_Lumpur. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
