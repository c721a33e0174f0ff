/**
 * Time as a flow sees it (`Clock` of language/compiled-format.ts): the host's instant in the flow's
 * time zone, plus open/closed for every business-hours calendar the flow asks about. The sandbox
 * never reads a clock of its own, so the same input always gives the same step.
 */
import { DateTime } from 'luxon';
import type { Clock as FlowClock } from '../../language/compiled-format.ts';
import type { CalendarConfig } from '../../language/workspace.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The local fields and calendars change once a minute: every step within it shares them. */
const perMinute = new Map<
  string,
  { calendars: Record<string, CalendarConfig>; local: FlowClock['local']; open: FlowClock['open'] }
>();

/** The last answer: one flow's calls ask again and again within the same minute. */
let last: {
  minute: number;
  zone: string;
  calendars: Record<string, CalendarConfig>;
  names: readonly string[];
  local: FlowClock['local'];
  open: FlowClock['open'];
} | null = null;

export function flowClock(
  epochMs: number,
  zone: string,
  calendars: Record<string, CalendarConfig>,
  names: readonly string[],
): FlowClock {
  const minute = Math.floor(epochMs / 60_000);
  if (
    last !== null &&
    last.minute === minute &&
    last.zone === zone &&
    last.calendars === calendars &&
    last.names === names
  ) {
    return { epochMs, local: last.local, open: last.open };
  }
  const key = `${minute}|${zone}|${names.join(',')}`;
  const known = perMinute.get(key);
  if (known && known.calendars === calendars) {
    last = { minute, zone, calendars, names, local: known.local, open: known.open };
    return { epochMs, local: known.local, open: known.open };
  }
  const local = DateTime.fromMillis(epochMs, { zone });
  const open: Record<string, boolean> = {};
  for (const name of names) open[name] = calendars[name] ? isOpen(calendars[name], epochMs) : false;
  const fields = {
    year: local.year,
    month: local.month,
    day: local.day,
    hour: local.hour,
    minute: local.minute,
    weekday: local.weekday,
    iso: local.toFormat("yyyy-MM-dd'T'HH:mm"),
  };
  if (perMinute.size > 256) perMinute.clear();
  perMinute.set(key, { calendars, local: fields, open });
  last = { minute, zone, calendars, names, local: fields, open };
  return { epochMs, local: fields, open };
}

/** Whether the calendar is open at an instant, in the calendar's own time zone. */
export function isOpen(calendar: CalendarConfig, epochMs: number): boolean {
  const local = DateTime.fromMillis(epochMs, { zone: calendar.timezone });
  if (calendar.holidays.includes(local.toISODate() ?? '')) return false;
  const minute = local.hour * 60 + local.minute;
  const ranges = calendar.weekly[DAYS[local.weekday - 1]] ?? [];
  return ranges.some((range) => inRange(range, minute));
}

/** "09:00-18:00" (end exclusive); an end at or before the start runs past midnight. */
function inRange(range: string, minute: number): boolean {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(range.trim());
  if (!m) return false;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return end > start ? minute >= start && minute < end : minute >= start || minute < end;
}
