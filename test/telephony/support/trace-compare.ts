/**
 * Normalizes recorded and simulated ARI values so they can be compared exactly: timestamps become a
 * placeholder (after checking the simulator's format), simulator ids and channel names are mapped
 * back to the recorded ones, lists of snapshots whose order Asterisk does not define are sorted.
 */
import type { IdMapper } from './id-mapper.ts';

export const ARI_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;

function normalizeString(s: string, mapper: IdMapper | null): string {
  if (ARI_TIMESTAMP.test(s)) return '<timestamp>';
  if (!mapper) return s;
  const prefixed = /^(channel|bridge):(.+)$/.exec(s);
  if (prefixed) return `${prefixed[1]}:${mapper.recordedId(prefixed[2]) ?? prefixed[2]}`;
  const id = mapper.recordedId(s);
  if (id) return id;
  if (s.startsWith('Local/'))
    return s
      .split(',')
      .map((n) => mapper.recordedName(n) ?? n)
      .join(',');
  return s;
}

/** Recorded values: pass `mapper` null. Simulator values: their ids are mapped back. */
export function normalize(value: unknown, mapper: IdMapper | null): unknown {
  if (typeof value === 'string') return normalizeString(value, mapper);
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, mapper));
    // GET /channels and /bridges list in hash order: compare them sorted by id.
    if (items.every((i) => i && typeof i === 'object' && typeof (i as { id?: unknown }).id === 'string')) {
      return [...items].sort((a, b) =>
        String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)),
      );
    }
    return items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, mapper)]));
  }
  return value;
}

/** Every timestamp-like field of a simulator value must have Asterisk's exact format. */
export function badTimestamps(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badTimestamps(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    (k === 'timestamp' || k === 'creationtime') && (typeof v !== 'string' || !ARI_TIMESTAMP.test(v))
      ? [`${path}.${k}=${String(v)}`]
      : badTimestamps(v, `${path}.${k}`),
  );
}

/** Keeps only the structure: key names in order, and the types of leaves. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/** A compact line per event for diffs: type, channel/peer name, main fields. */
export function describeEvent(e: Record<string, unknown>): string {
  const ch = (e.channel ?? e.peer) as { name?: string; state?: string } | undefined;
  const skip = new Set(['type', 'timestamp', 'asterisk_id', 'application', 'channel', 'peer']);
  const rest = Object.entries(e)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : String(v)}`)
    .join(' ');
  return `${e.type}${ch ? ` [${ch.name} ${ch.state}]` : ''} ${rest}`.trim();
}

/** Null when equal, else a readable description of the first difference with context. */
export function diffSequences(
  recorded: Record<string, unknown>[],
  actual: Record<string, unknown>[],
): string | null {
  const n = Math.max(recorded.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(recorded[i]) === JSON.stringify(actual[i])) continue;
    const from = Math.max(0, i - 3);
    const lines = [
      `first difference at event #${i} (recorded ${recorded.length}, simulator ${actual.length})`,
    ];
    for (let j = from; j < Math.min(n, i + 6); j++) {
      const mark = j === i ? '>>' : '  ';
      lines.push(`${mark} rec: ${recorded[j] ? describeEvent(recorded[j]) : '(none)'}`);
      lines.push(`${mark} sim: ${actual[j] ? describeEvent(actual[j]) : '(none)'}`);
    }
    if (recorded[i] && actual[i]) {
      lines.push(`recorded: ${JSON.stringify(recorded[i])}`);
      lines.push(`simulator: ${JSON.stringify(actual[i])}`);
    }
    return lines.join('\n');
  }
  return null;
}
