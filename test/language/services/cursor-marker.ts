/**
 * Test helper: sources are written with a `|` where the cursor is; `withCursor` removes it and
 * returns the offset. A flow never needs a literal `|` outside strings, so one marker is unambiguous.
 */
export function withCursor(marked: string): { source: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { source: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Lines joined with '\n', so flows in tests can be written one line per array item. */
export function lines(...text: string[]): string {
  return text.join('\n');
}
