/**
 * Pass 1 of the lexer: the source split into tokens by hand, one character code at a time. It gives
 * exactly what Chevrotain's regular-expression lexer gives for the token patterns in tokens.ts (same
 * tokens, positions, comment group and error runs; a property test holds the two together), at a
 * fraction of the time and allocation: the editor lexes every line it reads again, the CLI and
 * deploy whole files. The patterns in tokens.ts stay the reference; order matters there and here:
 * at each offset the first pattern that matches wins.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { CfToken } from './lexer.ts';
import { scanJsBlock, scanString } from './scan-literals.ts';
import * as T from './tokens.ts';

/** Characters no token starts with, as Chevrotain reports them. */
export interface ScanError {
  offset: number;
  line: number;
  column: number;
  length: number;
}

export interface ScanResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ScanError[];
}

const NL = 10;
const CR = 13;

export function scanTokens(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: ScanError[] = [];
  const n = text.length;
  let offset = 0;
  let line = 1;
  let column = 1;
  while (offset < n) {
    const c = text.charCodeAt(offset);
    if (c === NL || c === CR) {
      offset += c === CR && text.charCodeAt(offset + 1) === NL ? 2 : 1;
      line++;
      column = 1;
      continue;
    }
    if (isSpace(c)) {
      let end = offset + 1;
      while (end < n && isSpace(text.charCodeAt(end))) end++;
      column += end - offset;
      offset = end;
      continue;
    }
    const type = typeAt(text, offset, c);
    if (type === null) {
      // Unexpected characters: one error for the run, up to where some token could start.
      let end = offset + 1;
      while (end < n && !startsToken(text, end)) end++;
      errors.push({ offset, line, column, length: end - offset });
      column += end - offset;
      offset = end;
      continue;
    }
    const end = matchEnd;
    const image = text.slice(offset, end);
    // Chevrotain's token fields, then lexer.ts's own two, so filling those in changes no object's shape.
    const token: CfToken = {
      image,
      startOffset: offset,
      endOffset: end - 1,
      startLine: line,
      endLine: line,
      startColumn: column,
      endColumn: column + (end - offset) - 1,
      tokenTypeIdx: type.tokenTypeIdx!,
      tokenType: type,
      value: undefined,
      range: undefined,
    };
    if (type === T.Comment) comments.push(token);
    else tokens.push(token);
    if (type === T.JsBlock) {
      // The only token that may span lines: count its line breaks as Chevrotain does.
      const breaks = lineBreaks(image);
      if (breaks.count > 0) {
        line += breaks.count;
        column = image.length - breaks.lastEnd;
        token.endLine = line;
        token.endColumn = column - 1;
        offset = end;
        continue;
      }
    }
    column += end - offset;
    offset = end;
  }
  return { tokens, comments, errors };
}

/** Where the token `typeAt` found ends (a module variable: no result object per token). */
let matchEnd = 0;

/** The type of the token at `offset` (its end in `matchEnd`), or null when none matches. */
function typeAt(text: string, offset: number, c: number): TokenType | null {
  const next = text.charCodeAt(offset + 1);
  matchEnd = offset + 1;
  switch (c) {
    case 34: {
      const scan = scanString(text, offset);
      matchEnd = scan.end;
      return scan.terminated ? T.StringLiteral : T.UnterminatedString;
    }
    case 47: // /
      if (next !== 47) return T.Slash;
      matchEnd = offset + 2;
      while (matchEnd < text.length && !isLineBreak(text.charCodeAt(matchEnd))) matchEnd++;
      return T.Comment;
    case 45: // -
      if (next !== 62) return T.Minus;
      matchEnd = offset + 2;
      return T.Arrow;
    case 46: // .
      if (next !== 46) return T.Dot;
      matchEnd = offset + 2;
      return T.DotDot;
    case 61: // =
      if (next !== 61) return T.Assign;
      matchEnd = offset + 2;
      return T.EqEq;
    case 33: // !
      if (next !== 61) return null;
      matchEnd = offset + 2;
      return T.NotEq;
    case 60: // <
      if (next !== 61) return T.Lt;
      matchEnd = offset + 2;
      return T.LtEq;
    case 62: // >
      if (next !== 61) return T.Gt;
      matchEnd = offset + 2;
      return T.GtEq;
    case 44:
      return T.Comma;
    case 40:
      return T.LParen;
    case 41:
      return T.RParen;
    case 91:
      return T.LBracket;
    case 93:
      return T.RBracket;
    case 63:
      return T.QuestionMark;
    case 58:
      return T.Colon;
    case 43:
      return T.Plus;
    case 42:
      return T.Star;
    case 37:
      return T.Percent;
    case 35:
      return T.Hash;
  }
  if (c >= 48 && c <= 57) return number(text, offset);
  if (c === 106 && next === 115) {
    const scan = scanJsBlock(text, offset);
    if (scan !== null) {
      matchEnd = scan.end;
      return scan.closed ? T.JsBlock : T.UnterminatedJs;
    }
  }
  if (isWordStart(c)) {
    let end = offset + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    matchEnd = end;
    return T.Identifier;
  }
  return null;
}

/** `\d+(?:\.\d+)?`, then a unit (ms|h|m|s) not followed by a word character makes a Duration. */
function number(text: string, offset: number): TokenType {
  let end = digits(text, offset);
  if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) end = digits(text, end + 1);
  matchEnd = end;
  const u = text.charCodeAt(end);
  const after = text.charCodeAt(end + 1);
  if (u === 109 && after === 115 && !isWordChar(text.charCodeAt(end + 2)))
    matchEnd = end + 2; // ms
  else if ((u === 104 || u === 109 || u === 115) && !isWordChar(after)) matchEnd = end + 1; // h m s
  return matchEnd === end ? T.NumberLiteral : T.Duration;
}

function digits(text: string, from: number): number {
  let end = from;
  while (isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** Whether some token pattern matches at `offset` (where an error run stops). */
function startsToken(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  if (isLineBreak(c) || isSpace(c)) return true;
  return typeAt(text, offset, c) !== null;
}

/** Line breaks in a token's image (\n, \r\n, \r) and where the last one ends. */
function lineBreaks(image: string): { count: number; lastEnd: number } {
  let count = 0;
  let lastEnd = -1;
  for (let i = 0; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c === NL || c === CR) {
      if (c === CR && image.charCodeAt(i + 1) === NL) i++;
      count++;
      lastEnd = i;
    }
  }
  return { count, lastEnd };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLineBreak = (c: number): boolean => c === NL || c === CR;

/** `[ \t\f\v\u00a0\ufeff]` */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** `[A-Za-z_\u0400-\u04FF]` */
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 0x400 && c <= 0x4ff);
}

/** `[A-Za-z0-9_\u0400-\u04FF]` */
function isWordChar(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}
