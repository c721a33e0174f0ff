/**
 * Source text → Document + syntax diagnostics, one line at a time: line-chunk.ts lexes and parses
 * each line on its own (lexer.ts, parser.ts), layout.ts nests the lines by indentation into the line
 * tree, assemble.ts builds the AST. Never throws: whatever the input, the result is a document
 * (possibly partial) and diagnostics with ranges.
 *
 * `IncrementalParser` keeps the lines of the previous version of a document and reads again only the
 * lines an edit touched (chunk-reuse.ts): what an editor does on every keystroke. Its results are
 * exactly those of `parse`.
 */

import { assemble } from './assemble.ts';
import type { Comment, Document } from './ast.ts';
import { type ChunkReuse, chunksOf, type PreviousChunks } from './chunk-reuse.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { IndentLevels, lineStartOf } from './layout.ts';
import { type Chunk, readChunk } from './line-chunk.ts';
import type { Line } from './line-tree.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import { CallflowParser } from './parser.ts';
import { endPosition, onePerLine } from './parser-errors.ts';
import type { Position, SourceRange } from './source-range.ts';

export interface ParseOptions {
  locale?: Locale;
}

export interface ParseResult {
  document: Document;
  diagnostics: Diagnostic[];
}

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  return parseReusing(source, options.locale ?? 'en', null).result;
}

/** Parses versions of one document in turn, reusing what the previous version's parse read. */
export class IncrementalParser {
  private previous: (PreviousChunks & { locale: Locale }) | null = null;
  /** What the last parse kept, moved and read again (tests and the studio's stats read it). */
  lastReuse: ChunkReuse = { kept: 0, moved: 0, read: 0 };

  parse(source: string, options: ParseOptions = {}): ParseResult {
    const locale = options.locale ?? 'en';
    const previous = this.previous?.locale === locale ? this.previous : null;
    const reuse: ChunkReuse = { kept: 0, moved: 0, read: 0 };
    const { result, chunks } = parseReusing(source, locale, previous, reuse);
    this.previous = chunks === null ? null : { source, chunks, locale };
    this.lastReuse = reuse;
    return result;
  }
}

// Building the parser costs tens of milliseconds: build it once, on first use, and reuse it.
let sharedParser: CallflowParser | null = null;
const NO_TOKENS: never[] = [];

function parseReusing(
  source: string,
  locale: Locale,
  previous: PreviousChunks | null,
  reuse?: ChunkReuse,
): { result: ParseResult; chunks: Chunk[] | null } {
  try {
    sharedParser ??= new CallflowParser();
    const parser = sharedParser;
    const read = (start: number, line: number) => readChunk(source, start, line, parser, locale);
    const chunks = chunksOf(source, read, previous, reuse);
    parser.input = NO_TOKENS; // drop references to this source's tokens
    return { result: fromChunks(source, chunks, locale), chunks };
  } catch (error) {
    // A bug in the toolchain must not take the editor or the server down: report it on the file.
    sharedParser = null;
    const message = error instanceof Error ? error.message : String(error);
    const whole = wholeRange(source);
    return {
      result: {
        document: { kind: 'Document', declarations: [], comments: [], range: whole },
        diagnostics: [syntaxDiagnostic('CF199', whole, locale, { error: message })],
      },
      chunks: null,
    };
  }
}

/** The line tree by indentation, then the AST; diagnostics in the order the passes report them. */
function fromChunks(source: string, chunks: Chunk[], locale: Locale): ParseResult {
  const lexDiagnostics: Diagnostic[] = [];
  const layoutDiagnostics: Diagnostic[] = [];
  const parseDiagnostics: Diagnostic[] = [];
  const actionDiagnostics: Diagnostic[] = [];
  const comments: Comment[] = [];
  const levels = new IndentLevels(source, locale, layoutDiagnostics);
  const root: Line[] = [];
  const blocks: Line[][] = [root];
  let previous: Line | null = null;
  for (const chunk of chunks) {
    append(comments, chunk.comments);
    append(lexDiagnostics, chunk.lexDiagnostics);
    append(parseDiagnostics, chunk.parseDiagnostics);
    append(actionDiagnostics, chunk.actionDiagnostics);
    if (chunk.first === null) continue;
    const change = levels.next(chunk.first, chunk.start);
    for (let i = 0; i < change.closes; i++) blocks.pop();
    if (change.opens && previous !== null) {
      const children: Line[] = [];
      previous.children = children;
      blocks.push(children);
    }
    const line: Line = { head: chunk.head!, children: null };
    blocks[blocks.length - 1]!.push(line);
    previous = line;
  }
  const assembled = assemble(root, locale);
  const diagnostics = [
    ...lexDiagnostics,
    ...layoutDiagnostics,
    ...onePerLine(parseDiagnostics),
    ...actionDiagnostics,
    ...assembled.diagnostics,
  ];
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return {
    document: {
      kind: 'Document',
      declarations: assembled.declarations,
      comments,
      range: wholeRange(source, chunks),
    },
    diagnostics,
  };
}

function append<T>(to: T[], items: T[]): void {
  for (const item of items) to.push(item);
}

function wholeRange(source: string, chunks?: Chunk[]): SourceRange {
  return {
    start: { line: 1, column: 1, offset: 0 },
    end: chunks ? endOf(source, chunks) : endPosition(source),
  };
}

/** `endPosition(source)` without reading the whole source: the chunks counted its lines. */
function endOf(source: string, chunks: Chunk[]): Position {
  const last = chunks[chunks.length - 1];
  const line = last === undefined ? 1 : last.line + last.breaks;
  return { line, column: source.length - lineStartOf(source, source.length) + 1, offset: source.length };
}
