/**
 * The simulator's time-of-day fields as the server's `clock` takes them (studio/server/live/
 * simulated-time.ts): the flow sees that time for this call only; the call itself happens now.
 * A time alone means today in the flow's time zone; with a weekday, that day of the server's
 * reference week ("Sat 11:00"), so working hours and weekends can both be tried.
 */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The `clock` to send, or undefined for the real time (neither field set). */
export function flowClockText(time: string, day: Weekday | ''): string | undefined {
  const hhmm = /^\d{1,2}:\d{2}$/.test(time) ? time : '';
  if (!day) return hhmm || undefined;
  return `${day} ${hhmm || '12:00'}`;
}
