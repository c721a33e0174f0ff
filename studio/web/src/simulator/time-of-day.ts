/**
 * The simulator's "call at" field takes a time of day; the server takes an instant (a call can be
 * scheduled up to a day ahead). The next time the clock shows `hh:mm`: later today, else tomorrow.
 */
export function nextTimeOfDay(hhmm: string, now = new Date()): string {
  const [h, m] = hhmm.split(':').map(Number);
  const at = new Date(now);
  at.setHours(h, m, 0, 0);
  if (at.getTime() < now.getTime()) at.setDate(at.getDate() + 1);
  return at.toISOString();
}
