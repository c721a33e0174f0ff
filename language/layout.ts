/**
 * Indentation rules, in one place for the two readers of layout: the lexer's token stream (virtual
 * Indent / Outdent tokens, for `tokenize`) and the parser's line tree (parse.ts nests lines by the
 * same rules). A line deeper than the block it is in opens a block under the line before it; a line
 * that lines up with no enclosing block (CF102) gets a "phantom" level that opens and closes without
 * nesting anything, so one bad indent does not restructure the rest of the file.
 */
import type { Diagnostic, Locale } from './diagnostic.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import type { SourceRange } from './source-range.ts';

/** What one line does to the blocks: real blocks closed before it, and whether it opens one. */
export interface LevelChange {
  closes: number;
  opens: boolean;
}

/** A line's first token, as layout needs it. */
export interface LineStart {
  /** Offset of the line's first token. */
  offset: number;
  /** Its (1-based) line. */
  line: number;
}

export class IndentLevels {
  private readonly levels: { width: number; phantom: boolean }[] = [{ width: 0, phantom: false }];
  private first = true;

  constructor(
    private readonly source: string,
    private readonly locale: Locale,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Feeds the next line (its first token, and the offset where its physical line starts). */
  next(token: LineStart, lineStart: number): LevelChange {
    const width = this.indentation(token, lineStart);
    const levels = this.levels;
    let top = levels[levels.length - 1]!;
    let closes = 0;
    let opens = false;
    if (width > top.width) {
      if (this.first) {
        this.report('CF102.unexpected', token, width);
        levels.push({ width, phantom: true });
      } else {
        levels.push({ width, phantom: false });
        opens = true;
      }
    } else if (width < top.width) {
      while (levels.length > 1 && top.width > width) {
        levels.pop();
        if (!top.phantom) closes++;
        top = levels[levels.length - 1]!;
      }
      if (top.width < width) {
        this.report('CF102', token, width);
        levels.push({ width, phantom: true });
      }
    }
    this.first = false;
    return { closes, opens };
  }

  /** Real blocks still open at the end of the file. */
  openBlocks(): number {
    let open = 0;
    for (let i = this.levels.length - 1; i > 0; i--) if (!this.levels[i]!.phantom) open++;
    return open;
  }

  /** Width of the indentation before a line's first token; reports tabs (CF103). */
  private indentation(token: LineStart, lineStart: number): number {
    const source = this.source;
    const start = token.offset;
    for (let i = lineStart; i < start; i++) {
      if (source.charCodeAt(i) === 9) {
        const range = rangeOf(i, token.line, i - lineStart + 1, 1);
        this.diagnostics.push(syntaxDiagnostic('CF103', range, this.locale));
        break;
      }
    }
    // A byte-order mark before the first line is not indentation.
    return lineStart === 0 && source.charCodeAt(0) === 0xfeff ? start - 1 : start - lineStart;
  }

  private report(key: string, token: LineStart, width: number): void {
    this.diagnostics.push(
      syntaxDiagnostic(key, rangeOf(token.offset - width, token.line, 1, width), this.locale),
    );
  }
}

/** Offset where the physical line holding `offset` starts (\n, \r\n and \r end a line). */
export function lineStartOf(source: string, offset: number): number {
  let start = offset;
  while (start > 0) {
    const c = source.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
  }
  return start;
}

export function rangeOf(offset: number, line: number, column: number, length: number): SourceRange {
  return {
    start: { line, column, offset },
    end: { line, column: column + length, offset: offset + length },
  };
}
