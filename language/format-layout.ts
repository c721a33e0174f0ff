/**
 * The formatter's output buffer: indentation, blank lines and comments. The printer hands it one
 * line at a time with the source line that line came from; the buffer puts back, in order, the
 * own-line comments that stood above it, the comment that ended that source line, and one blank line
 * wherever the source had one or more.
 */
import type { SourceRange } from './source-range.ts';

export interface ParsedComment {
  line: number;
  column: number;
  /** Text after `//`. */
  text: string;
}

const INDENT = '  ';

export class PrintBuffer {
  private readonly lines: string[] = [];
  private readonly sourceLines: string[];
  /** blanksBefore[n]: how many blank source lines there are among lines 1..n. */
  private readonly blanksBefore: number[];
  private readonly pending: ParsedComment[];
  private readonly used = new Set<ParsedComment>();
  private readonly trailing = new Map<number, ParsedComment>();
  private next = 0;
  private lastSourceLine = 0;
  private lastIndent = 0;

  constructor(source: string, comments: ParsedComment[]) {
    this.sourceLines = source.split(/\r\n|\r|\n/);
    this.blanksBefore = [0];
    this.sourceLines.forEach((text, i) => {
      this.blanksBefore.push(this.blanksBefore[i]! + (text.trim() === '' ? 1 : 0));
    });
    this.pending = [...comments].sort((a, b) => a.line - b.line);
    for (const c of this.pending) {
      if (
        this.textOf(c.line)
          .slice(0, c.column - 1)
          .trim() !== ''
      )
        this.trailing.set(c.line, c);
    }
  }

  /** A line printed from the source line where `range` starts; `blank` forces a blank line before it. */
  line(indent: number, text: string, range: SourceRange, blank = false): void {
    const sourceLine = range.start.line;
    this.flushComments(sourceLine, range.start.column, indent, blank);
    if (this.blankBetween(this.lastSourceLine, sourceLine)) this.blank();
    // A `js { … }` head spans lines; its comment, if any, follows its last line.
    const endLine = sourceLine + (text.match(/\n/g)?.length ?? 0);
    const comment = this.trailing.get(endLine);
    const suffix = comment && !this.used.has(comment) ? ` //${comment.text}` : '';
    if (comment) this.used.add(comment);
    this.lines.push(INDENT.repeat(indent) + text + suffix);
    this.lastSourceLine = Math.max(this.lastSourceLine, endLine);
    this.lastIndent = indent;
  }

  /**
   * A line whose keyword has no node of its own (`else`, `after retries`, `on error` with a block):
   * it stood on the last code line before `next`, the range of the first statement under it.
   */
  lineBefore(indent: number, text: string, next: SourceRange | null): void {
    const before = next?.start.line ?? this.lastSourceLine + 1;
    for (let line = before - 1; line > this.lastSourceLine; line--) {
      const code = this.textOf(line).trim();
      if (code !== '' && !code.startsWith('//')) {
        const column = this.textOf(line).length - this.textOf(line).trimStart().length + 1;
        const at = { line, column, offset: 0 };
        this.line(indent, text, { start: at, end: at });
        return;
      }
    }
    this.lines.push(INDENT.repeat(indent) + text);
    this.lastIndent = indent;
  }

  finish(): string {
    // At the end: a comment in column 1 stays there, an indented one stays with the last block.
    this.flushComments(Number.POSITIVE_INFINITY, 1, 0, false);
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  /**
   * Prints, as own-line comments, the comments of source lines before `beforeLine` not printed yet.
   * A comment that ended a code line waits for that line unless the printer has already passed it.
   * A forced blank line goes above the comments that belong to the coming line (not deeper than it).
   */
  private flushComments(beforeLine: number, column: number, indent: number, blank: boolean): void {
    let blankDone = !blank;
    for (let i = this.next; i < this.pending.length && this.pending[i]!.line < beforeLine; i++) {
      const c = this.pending[i]!;
      if (this.used.has(c)) continue;
      const isTrailing = this.trailing.get(c.line) === c;
      if (isTrailing && c.line > this.lastSourceLine && beforeLine !== Number.POSITIVE_INFINITY) continue;
      this.used.add(c);
      const deeper = c.column > column;
      if (!blankDone && !deeper) {
        this.blank();
        blankDone = true;
      }
      if (this.blankBetween(this.lastSourceLine, c.line)) this.blank();
      // Deeper than the line that follows: it closed the previous block, so it keeps that indentation.
      const at = deeper ? Math.max(indent, this.lastIndent) : indent;
      this.lines.push(`${INDENT.repeat(at)}//${c.text}`);
      this.lastSourceLine = Math.max(this.lastSourceLine, c.line);
      this.lastIndent = at;
    }
    while (this.next < this.pending.length && this.used.has(this.pending[this.next]!)) this.next++;
    if (!blankDone) this.blank();
  }

  private blankBetween(after: number, before: number): boolean {
    if (before - after < 2 || after < 0) return false;
    const upper = Math.min(before - 1, this.blanksBefore.length - 1);
    return upper > after && this.blanksBefore[upper]! - this.blanksBefore[after]! > 0;
  }

  private blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  private textOf(line: number): string {
    return this.sourceLines[line - 1] ?? '';
  }
}
