/**
 * When a simulated call happens, as an analyst writes it: "2026-11-23 10:00", "2026-11-23T10:00",
 * or a weekday and a time ("Mon 10:00", "Пн 10:00"), read in the workspace's time zone. A weekday
 * means that day in the week of Monday 2026-11-23 (no holidays in it), so tests give the same answer
 * every time they run.
 */
import { DateTime } from 'luxon';

const REFERENCE_MONDAY = { year: 2026, month: 11, day: 23 };

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  пн: 1,
  вт: 2,
  ср: 3,
  чт: 4,
  пт: 5,
  сб: 6,
  вс: 7,
};

/** Milliseconds since the epoch, or null when the text is none of the accepted forms. */
export function parseStartTime(text: string, zone: string): number | null {
  const trimmed = text.trim();
  const day = /^(\p{L}+)\.?\s+(\d{1,2}):(\d{2})$/u.exec(trimmed);
  if (day) {
    const weekday = WEEKDAYS[day[1].toLowerCase()];
    if (!weekday) return null;
    const local = DateTime.fromObject(
      { ...REFERENCE_MONDAY, hour: Number(day[2]), minute: Number(day[3]) },
      { zone },
    ).plus({ days: weekday - 1 });
    return local.isValid ? local.toMillis() : null;
  }
  const local = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone });
  return local.isValid ? local.toMillis() : null;
}
