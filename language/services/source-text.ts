/**
 * A source string with its line table, so services can turn offsets into `SourceRange`s (1-based
 * line/column) and look at whole lines, which is how an indentation-based language is read while
 * the user is typing and the tree is incomplete.
 */
import type { Position, SourceRange } from '../source-range.ts';

export class SourceText {
  readonly text: string;
  /** Offset at which each line starts; line n (1-based) starts at `lineStarts[n - 1]`. */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
      if (c === 10 || c === 13) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line holding `offset` (binary search: completion runs on every keystroke). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, column: clamped - this.lineStart(line) + 1, offset: clamped };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  slice(range: SourceRange): string {
    return this.text.slice(range.start.offset, range.end.offset);
  }
}

const WORD_CHAR = /[A-Za-z0-9_\u0400-\u04FF]/;

/** Whether `c` may be part of a callflow name (the lexer's Identifier characters). */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}

/** Width of a line's indentation, counted in characters as the lexer's layout pass does. */
export function indentOf(line: string): number {
  let width = 0;
  while (width < line.length && (line[width] === ' ' || line[width] === '\t')) width++;
  return width;
}
