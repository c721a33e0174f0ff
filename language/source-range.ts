/**
 * Positions in flow source. Lines and columns are 1-based (what editors and `path:line:col` show);
 * offsets are 0-based UTF-16 indices into the source string, end exclusive.
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

export const EMPTY_RANGE: SourceRange = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

/** A range covering both arguments (they may come in any order). */
export function spanRanges(a: SourceRange, b: SourceRange): SourceRange {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}

export function containsOffset(range: SourceRange, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}
