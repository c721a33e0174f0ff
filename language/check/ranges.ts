/**
 * Where to point a diagnostic about a whole statement: its first line ("head"), not the block
 * under it, so an editor underlines `menu main retries 3` rather than twenty lines of choices.
 */
import type { Statement } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';

export function headRange(stmt: Statement): SourceRange {
  const until = (end: { range: SourceRange } | null): SourceRange =>
    end ? { start: stmt.range.start, end: end.range.end } : stmt.range;
  switch (stmt.kind) {
    case 'If':
      return until(stmt.condition);
    case 'Menu':
      return until(stmt.timeout ?? stmt.retries ?? stmt.name);
    case 'Ask':
      return until(
        lastOf([
          stmt.target,
          stmt.max,
          stmt.terminator,
          stmt.timeout,
          stmt.interdigit,
          stmt.pattern,
          stmt.retries,
        ]),
      );
    case 'Question':
      return until(stmt.max ?? stmt.text);
    case 'Queue':
      return until(lastOf([stmt.queue, stmt.priority, ...stmt.skills, stmt.maxWait]));
    case 'Let':
    case 'Set':
      return until(stmt.value);
    case 'Data':
      return until(stmt.call);
    case 'Retry':
      return until(stmt.times);
    default:
      return stmt.range;
  }
}

/** The node that ends last in source among those present. */
function lastOf(nodes: ({ range: SourceRange } | null)[]): { range: SourceRange } | null {
  let last: { range: SourceRange } | null = null;
  for (const node of nodes) if (node && (!last || node.range.end.offset > last.range.end.offset)) last = node;
  return last;
}
