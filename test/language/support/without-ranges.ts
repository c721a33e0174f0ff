/** A deep copy of an AST without source ranges: what "the same meaning" compares. */
export function withoutRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRanges);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'range' && key !== 'codeRange') out[key] = withoutRanges(item);
  }
  return out;
}
