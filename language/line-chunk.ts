/**
 * One chunk of a source read on its own: a physical line, or the lines a `js { … }` block spans,
 * lexed and parsed without looking at any other line. parse.ts nests the chunks' lines by
 * indentation into the line tree; an editor keeps the chunks of the previous version of a document
 * and reads again only those an edit touched (chunk-reuse.ts). A syntax error never reaches past
 * its line, and a line reads the same wherever it stands (positions aside).
 */
import type { IToken } from 'chevrotain';
import type { Comment } from './ast.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import type { LineStart } from './layout.ts';
import { type CfToken, lexChunk, tokenRange, virtualAfter } from './lexer.ts';
import type { LineHead } from './line-tree.ts';
import type { CallflowParser } from './parser.ts';
import { endPosition, isPlacedAtEnd, leftoverError, parseErrorDiagnostic } from './parser-errors.ts';
import { scanJsBlock } from './scan-literals.ts';
import { Newline } from './tokens.ts';

export interface Chunk {
  /** Offset where the chunk's first line starts. */
  start: number;
  /** Offset where the next chunk starts: past the chunk's line break, or the end of the source. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** Line breaks in [start, end): the next chunk starts on line `line + breaks`. */
  breaks: number;
  /**
   * The chunk depends on text after it: a `js {` that never closes was looked for to the end of
   * the source, or an error was placed at the end of the source. Never reused before an edit.
   */
  open: boolean;
  /** The line's first token (where layout measures indentation); null for a blank or comment line. */
  first: LineStart | null;
  head: LineHead | null;
  comments: Comment[];
  /** Lexer diagnostics (CF100, CF101.interpolation, CF104, CF105); layout's are not per chunk. */
  lexDiagnostics: Diagnostic[];
  /** The parser's CF101s, before the one-per-line filter. */
  parseDiagnostics: Diagnostic[];
  /** Problems the grammar's actions found (bad keys, repeated clauses). */
  actionDiagnostics: Diagnostic[];
}

const NO_DIAGNOSTICS: Diagnostic[] = [];
const NO_COMMENTS: Comment[] = [];
const scratchDiagnostics: Diagnostic[] = [];
const scratchComments: IToken[] = [];

/** Reads the chunk whose first line starts at `start` (on line `line`) of `source`. */
export function readChunk(
  source: string,
  start: number,
  line: number,
  parser: CallflowParser,
  locale: Locale,
): Chunk {
  let textEnd = lineEnd(source, start);
  let open = false;
  let merged = false;
  // Most lines have no comment and no lexer problem: collect into shared lists, copy when not empty.
  const lexDiagnostics = scratchDiagnostics;
  const rawComments = scratchComments;
  let tokens: CfToken[];
  for (;;) {
    lexDiagnostics.length = 0;
    rawComments.length = 0;
    const lexed = lexChunk(source.slice(start, textEnd), start, line, locale, lexDiagnostics, rawComments);
    tokens = lexed.tokens;
    if (lexed.unclosedJs < 0) break;
    // Unclosed on this line: it may close further down, and then it spans those lines.
    const scan = scanJsBlock(source, lexed.unclosedJs);
    if (scan === null || !scan.closed || scan.end <= textEnd) {
      open = true;
      break;
    }
    textEnd = lineEnd(source, scan.end);
    merged = true;
  }
  const end = textEnd + breakLength(source, textEnd);
  const chunk: Chunk = {
    start,
    end,
    line,
    // One physical line has its own line break at most; a js block's lines are counted.
    breaks: merged ? countBreaks(source, start, end) : end > textEnd ? 1 : 0,
    open,
    first: null,
    head: null,
    comments: rawComments.length === 0 ? NO_COMMENTS : rawComments.map(comment),
    lexDiagnostics: lexDiagnostics.length === 0 ? NO_DIAGNOSTICS : lexDiagnostics.slice(),
    parseDiagnostics: NO_DIAGNOSTICS,
    actionDiagnostics: NO_DIAGNOSTICS,
  };
  if (tokens.length > 0) parseLine(chunk, tokens, source, parser, locale);
  return chunk;
}

function parseLine(
  chunk: Chunk,
  tokens: CfToken[],
  source: string,
  parser: CallflowParser,
  locale: Locale,
): void {
  const first = tokens[0]!;
  chunk.first = { offset: first.startOffset, line: first.startLine! };
  tokens.push(virtualAfter(Newline, tokens[tokens.length - 1]!));
  parser.locale = locale;
  parser.input = tokens;
  chunk.head = parser.line();
  const actions = parser.actionDiagnostics;
  if (actions.length > 0) chunk.actionDiagnostics = actions;
  const errors = parser.errors;
  if (errors.length === 0) return;
  const end = () => endPosition(source);
  chunk.parseDiagnostics = errors.map((error) => {
    // Tokens after a complete head: reported as the line end the head expected.
    const e =
      error.name === 'NotAllInputParsedException'
        ? leftoverError(error.token, tokens[tokens.indexOf(error.token as CfToken) - 1])
        : error;
    if (isPlacedAtEnd(e)) chunk.open = true;
    return parseErrorDiagnostic(e, locale, end);
  });
}

function comment(t: IToken): Comment {
  return { kind: 'Comment', text: t.image.slice(2), range: tokenRange(t) };
}

/** Offset of the first line break at or after `from`, or the end of the source. */
function lineEnd(source: string, from: number): number {
  const nl = source.indexOf('\n', from);
  const cr = nextCarriageReturn(source, from);
  const end = nl < 0 ? source.length : nl;
  return cr >= 0 && cr < end ? cr : end;
}

// Where the next `\r` is, remembered: most sources have none, and searching a whole source for one
// at every line would cost as much as reading it.
let crSource = '';
let crFrom = 0;
let crAt = -1;

function nextCarriageReturn(source: string, from: number): number {
  if (source !== crSource || from < crFrom || (crAt >= 0 && crAt < from)) {
    crSource = source;
    crAt = source.indexOf('\r', from);
  }
  crFrom = from;
  return crAt;
}

/** Length of the line break at `at`: 2 for \r\n, 1 for \n or \r, 0 at the end of the source. */
function breakLength(source: string, at: number): number {
  const c = source.charCodeAt(at);
  if (c === 13) return source.charCodeAt(at + 1) === 10 ? 2 : 1;
  return c === 10 ? 1 : 0;
}

function countBreaks(source: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks;
}
