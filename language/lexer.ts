/**
 * Lexing in three passes:
 *   1. scan-tokens.ts splits the source into tokens (comments apart), exactly as Chevrotain's lexer
 *      would with the patterns of tokens.ts, and words that are keywords get their keyword's type;
 *   2. strings with `{expr}` parts become TemplateHead/Middle/Tail tokens around the tokens of each
 *      expression, lexed in place so they keep real positions;
 *   3. the layout pass turns indentation into virtual Newline / Indent / Outdent tokens.
 * Every problem is a diagnostic; tokenize never throws.
 */
import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { IndentLevels, lineStartOf, rangeOf } from './layout.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import { scanTokens } from './scan-tokens.ts';
import type { SourceRange } from './source-range.ts';
import {
  Identifier,
  Indent,
  JsBlock,
  keywordByText,
  keywords,
  Newline,
  Outdent,
  StringLiteral,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
  UnterminatedJs,
  UnterminatedString,
} from './tokens.ts';

/** A token; strings carry their unescaped text, `js` tokens their code. */
export interface CfToken extends IToken {
  value?: string;
  /** Memo of tokenRange. */
  range?: SourceRange;
}

export interface LexResult {
  tokens: CfToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

export function tokenize(source: string, locale: Locale = 'en'): LexResult {
  const diagnostics: Diagnostic[] = [];
  const comments: IToken[] = [];
  const flat = lexLine(source, NO_SHIFT, locale, diagnostics, comments).tokens;
  return { tokens: layout(flat, source, locale, diagnostics), comments, diagnostics };
}

/** One chunk of the source lexed on its own (parse.ts reads a file line by line). */
export interface LexedChunk {
  /** Real tokens only (no layout tokens), at their positions in the whole source. */
  tokens: CfToken[];
  /** Offset of a `js {` whose braces do not close within the chunk, or -1. */
  unclosedJs: number;
}

/**
 * Lexes `text`, which starts at the start of line `line`, at `offset` of the whole source. Lexing
 * never looks past a line break except inside `js { … }`, so a line lexed alone gives the tokens the
 * whole file would (parse.ts joins the lines a `js` block spans before lexing them).
 */
export function lexChunk(
  text: string,
  offset: number,
  line: number,
  locale: Locale,
  diagnostics: Diagnostic[],
  comments: IToken[],
): LexedChunk {
  return lexLine(text, { offset, line: line - 1, column: 0 }, locale, diagnostics, comments);
}

/** Where a lexed text sits in the whole source; `column` moves only tokens on the text's first line. */
interface Shift {
  offset: number;
  line: number;
  column: number;
}

const NO_SHIFT: Shift = { offset: 0, line: 0, column: 0 };

/** Passes 1 and 2 over `text`, placed in the whole source by `shift`. */
function lexLine(
  text: string,
  shift: Shift,
  locale: Locale,
  diagnostics: Diagnostic[],
  comments: IToken[],
): LexedChunk {
  const result = scanTokens(text);
  const groupComments = result.comments;
  if (shift !== NO_SHIFT) {
    for (const t of result.tokens) shiftToken(t, shift);
    for (const t of groupComments) shiftToken(t, shift);
  }
  for (const error of result.errors) {
    const range = rangeOf(
      error.offset + shift.offset,
      error.line + shift.line,
      error.column + (error.line === 1 ? shift.column : 0),
      1,
    );
    diagnostics.push(syntaxDiagnostic('CF100', range, locale, { char: text.charAt(error.offset) }));
  }
  for (const c of groupComments) comments.push(c);
  const out: CfToken[] = [];
  let unclosedJs = -1;
  let previous: IToken | undefined;
  for (const token of result.tokens as CfToken[]) {
    if (token.tokenType === Identifier && mayBeKeyword(token.image)) {
      const keyword = keywordByText.get(token.image);
      if (keyword !== undefined) retype(token, keyword);
    }
    // `matching "…"` reads the string as a pattern only on one line: lines are lexed independently.
    if (previous !== undefined && token.startLine! > previous.endLine!) previous = undefined;
    const type = token.tokenType;
    if (type === StringLiteral || type === UnterminatedString) {
      expandString(token, previous, locale, diagnostics, comments, out);
    } else if (type === JsBlock || type === UnterminatedJs) {
      if (type === UnterminatedJs) {
        diagnostics.push(syntaxDiagnostic('CF105', tokenRange(token), locale));
        if (unclosedJs < 0) unclosedJs = token.startOffset;
      }
      retype(token, JsBlock);
      const open = token.image.indexOf('{');
      token.value = token.image.slice(open + 1, type === JsBlock ? -1 : undefined);
      out.push(token);
    } else {
      out.push(token);
    }
    previous = token;
  }
  return { tokens: out, unclosedJs };
}

function shiftToken(t: IToken, shift: Shift): void {
  const startLine = t.startLine ?? 1;
  const endLine = t.endLine ?? startLine;
  t.startOffset += shift.offset;
  t.endOffset = (t.endOffset ?? t.startOffset) + shift.offset;
  t.startColumn = (t.startColumn ?? 1) + (startLine === 1 ? shift.column : 0);
  t.endColumn = (t.endColumn ?? 1) + (endLine === 1 ? shift.column : 0);
  t.startLine = startLine + shift.line;
  t.endLine = endLine + shift.line;
}

/** Keywords are short lower-case ASCII words: other names skip the table lookup. */
function mayBeKeyword(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 97 && c <= 122 && word.length <= MAX_KEYWORD_LENGTH;
}

const MAX_KEYWORD_LENGTH = Math.max(...[...keywordByText.keys()].map((k) => k.length));

function retype(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}

/** Splits a string token into template tokens when it holds `{expr}` parts. */
function expandString(
  token: CfToken,
  previous: IToken | undefined,
  locale: Locale,
  diagnostics: Diagnostic[],
  comments: IToken[],
  out: CfToken[],
): void {
  const terminated = token.tokenType === StringLiteral;
  if (!terminated) diagnostics.push(syntaxDiagnostic('CF104', tokenRange(token), locale));
  retype(token, StringLiteral);
  const image = token.image;
  const contentEnd = terminated ? image.length - 1 : image.length;
  // A `matching` pattern is a regular expression: braces are quantifiers, backslashes stay.
  if (previous?.tokenType === keywords.matching) {
    token.value = unescapePattern(image.slice(1, contentEnd));
    out.push(token);
    return;
  }
  const holes = findInterpolations(image, contentEnd, token, locale, diagnostics);
  if (holes.length === 0) {
    token.value = unescapeString(image.slice(1, contentEnd));
    out.push(token);
    return;
  }
  let textStart = 0; // index in image where the current text piece's delimiter starts
  holes.forEach(([open, close], i) => {
    const type = i === 0 ? TemplateHead : TemplateMiddle;
    out.push(piece(token, type, textStart, open + 1, unescapeString(image.slice(textStart + 1, open))));
    const inner = lexLine(
      image.slice(open + 1, close),
      { offset: token.startOffset + open + 1, line: token.startLine! - 1, column: token.startColumn! + open },
      locale,
      diagnostics,
      comments,
    );
    for (const t of inner.tokens) out.push(t);
    textStart = close;
  });
  out.push(
    piece(
      token,
      TemplateTail,
      textStart,
      image.length,
      unescapeString(image.slice(textStart + 1, contentEnd)),
    ),
  );
}

/** [open, close] indices of each top-level `{ … }` in a string token's image. */
function findInterpolations(
  image: string,
  contentEnd: number,
  token: IToken,
  locale: Locale,
  diagnostics: Diagnostic[],
): [number, number][] {
  const holes: [number, number][] = [];
  let i = 1;
  while (i < contentEnd) {
    const c = image[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '{') {
      const close = matchBrace(image, i, contentEnd);
      if (close < 0) {
        const at = token.startOffset + i;
        const range = rangeOf(at, token.startLine!, token.startColumn! + i, 1);
        diagnostics.push(syntaxDiagnostic('CF101.interpolation', range, locale));
        return holes;
      }
      holes.push([i, close]);
      i = close + 1;
      continue;
    }
    i++;
  }
  return holes;
}

function matchBrace(image: string, open: number, end: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < end; i++) {
    const c = image[i];
    if (c === '\\') {
      i++;
    } else if (inString) {
      if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function piece(token: IToken, type: TokenType, from: number, to: number, value: string): CfToken {
  const t: CfToken = createTokenInstance(
    type,
    token.image.slice(from, to),
    token.startOffset + from,
    token.startOffset + to - 1,
    token.startLine!,
    token.startLine!,
    token.startColumn! + from,
    token.startColumn! + to - 1,
  );
  t.value = value;
  return t;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '{': '{', '}': '}', n: '\n' };

/** `\" \\ \{ \} \n` are escapes; any other backslash is kept as written. */
export function unescapeString(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.?)/gs, (whole, c: string) => ESCAPES[c] ?? whole);
}

/** In a pattern only `\"` is an escape, so `\d` and `\{` reach the regular expression unchanged. */
export function unescapePattern(raw: string): string {
  return raw.replace(/\\(.?)/gs, (whole, c: string) => (c === '"' ? '"' : whole));
}

/** Pass 3: virtual Newline at each line end, Indent/Outdent where the indentation changes. */
function layout(tokens: CfToken[], source: string, locale: Locale, diagnostics: Diagnostic[]): CfToken[] {
  const out: CfToken[] = [];
  const levels = new IndentLevels(source, locale, diagnostics);
  let previous: IToken | undefined;
  for (const token of tokens) {
    if (previous === undefined || token.startLine! > previous.endLine!) {
      const at = { offset: token.startOffset, line: token.startLine! };
      const change = levels.next(at, lineStartOf(source, token.startOffset));
      if (previous !== undefined) out.push(virtualAfter(Newline, previous));
      for (let i = 0; i < change.closes; i++) out.push(virtualAt(Outdent, token));
      if (change.opens) out.push(virtualAt(Indent, token));
    }
    out.push(token);
    previous = token;
  }
  if (previous !== undefined) {
    out.push(virtualAfter(Newline, previous));
    for (let i = levels.openBlocks(); i > 0; i--) out.push(virtualAfter(Outdent, previous));
  }
  return out;
}

/** A zero-width layout token just after `t` (the parser ends every line with a Newline). */
export function virtualAfter(type: TokenType, t: IToken): CfToken {
  const offset = t.endOffset! + 1;
  const column = t.endColumn! + 1;
  return createTokenInstance(type, '', offset, offset - 1, t.endLine!, t.endLine!, column, column - 1);
}

function virtualAt(type: TokenType, t: IToken): CfToken {
  const { startOffset: o, startLine: l, startColumn: c } = t;
  return createTokenInstance(type, '', o, o - 1, l!, l!, c!, c! - 1);
}

/** The source range a (real) token covers. */
export function tokenRange(t: IToken): SourceRange {
  // Several nodes start or end on one token: compute its range once (ranges are never mutated).
  const token = t as CfToken;
  if (token.range === undefined) {
    token.range = {
      start: { line: t.startLine!, column: t.startColumn!, offset: t.startOffset },
      end: { line: t.endLine!, column: t.endColumn! + 1, offset: t.endOffset! + 1 },
    };
  }
  return token.range;
}
