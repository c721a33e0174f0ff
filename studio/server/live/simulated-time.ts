/**
 * The time of day a simulated call happens at, as the studio's simulator sends it: "22:00" (today,
 * in the flow's time zone), or any form `callflow simulate --at` takes ("Mon 22:00", "Пн 22:00",
 * "2026-11-23 22:00"; runtime/simulation/start-time.ts). Only the flow's clock moves: the call
 * itself happens now.
 */
import { DateTime } from 'luxon';
import { parseStartTime } from '../../../runtime/simulation/start-time.ts';

/** Milliseconds since the epoch, or null when the text is none of the accepted forms. */
export function parseSimulatedTime(text: string, zone: string, now: number): number | null {
  const time = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (time) {
    const hour = Number(time[1]);
    const minute = Number(time[2]);
    if (hour > 23 || minute > 59) return null;
    const local = DateTime.fromMillis(now, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
    return local.isValid ? local.toMillis() : null;
  }
  return parseStartTime(text, zone);
}
