/**
 * Accumulates generated JavaScript while tracking the current line and column, so the emitter can
 * record a source-map segment exactly where the code for a flow node starts.
 *
 * Only `\n` ends a line here, as in QuickJS's own line counting (it does not count `\r` or U+2028),
 * so positions in its stacks line up with the map.
 */
import type { Position } from '../source-range.ts';
import type { Mapping } from './source-map.ts';

export class CodeWriter {
  private readonly chunks: string[] = [];
  private line = 0;
  private column = 0;
  readonly mappings: Mapping[] = [];

  /** Appends text; with `from`, the text starts code for the flow node at that position. */
  write(text: string, from?: Position): this {
    if (from) this.mark(from);
    this.chunks.push(text);
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      this.column += text.length;
    } else {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
      this.column = text.length - lastBreak - 1;
    }
    return this;
  }

  /** Records that code from here on comes from a flow position (1-based line and column). */
  mark(from: { line: number; column: number }): this {
    this.mappings.push({
      generatedLine: this.line,
      generatedColumn: this.column,
      sourceLine: from.line - 1,
      sourceColumn: Math.max(0, from.column - 1),
    });
    return this;
  }

  newline(): this {
    return this.write('\n');
  }

  /** A whole line of code that maps to no flow position. */
  plainLine(text: string): this {
    return this.write(text).newline();
  }

  toString(): string {
    return this.chunks.join('');
  }
}
