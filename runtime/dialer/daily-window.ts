/**
 * The hours a campaign may dial, in its own time zone: open from `from` (inclusive) to `to`
 * (exclusive); a window whose `to` comes before `from` spans midnight (`20:00`–`02:00`). Daylight
 * saving is luxon's business: "09:00" is 09:00 on the wall clock every day.
 */
import { DateTime } from 'luxon';
import type { DailyWindow } from './campaign.ts';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(text: string): boolean {
  return HH_MM.test(text);
}

function minutesOf(text: string): number {
  const m = HH_MM.exec(text);
  if (!m) throw new Error(`not a time of day (HH:MM): ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when `now` falls inside the window (no window: always). */
export function windowOpen(window: DailyWindow | null, zone: string, now: number): boolean {
  if (!window) return true;
  const local = DateTime.fromMillis(now, { zone });
  const minute = local.hour * 60 + local.minute;
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (from === to) return true;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The next instant at or after `now` when the window is open (now itself when it is open). */
export function nextOpening(window: DailyWindow | null, zone: string, now: number): number {
  if (windowOpen(window, zone, now) || !window) return now;
  const local = DateTime.fromMillis(now, { zone });
  const from = minutesOf(window.from);
  const today = local.startOf('day').set({ hour: Math.floor(from / 60), minute: from % 60 });
  const opening = today.toMillis() > now ? today : today.plus({ days: 1 });
  return opening.toMillis();
}
