/**
 * Lexing in three passes:
 *   1. Chevrotain splits the source into tokens (comments go to their own group);
 *   2. strings with `{expr}` parts become TemplateHead/Middle/Tail tokens around the tokens of each
 *      expression, lexed in place so they keep real positions;
 *   3. the layout pass turns indentation into virtual Newline / Indent / Outdent tokens.
 * Every problem is a diagnostic; tokenize never throws.
 */
import { createTokenInstance, type IToken, Lexer, type TokenType } from 'chevrotain';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import type { SourceRange } from './source-range.ts';
import {
  Identifier,
  Indent,
  JsBlock,
  keywordByText,
  keywords,
  lexerTokens,
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

const chevrotainLexer = new Lexer(lexerTokens, { positionTracking: 'full', ensureOptimizations: true });

export function tokenize(source: string, locale: Locale = 'en'): LexResult {
  const diagnostics: Diagnostic[] = [];
  const comments: IToken[] = [];
  const flat = lexLine(source, 0, 1, 1, locale, diagnostics, comments, false);
  return { tokens: layout(flat, source, locale, diagnostics), comments, diagnostics };
}

/** Passes 1 and 2 over `text`, which starts at `offset`/`line`/`column` of the whole source. */
function lexLine(
  text: string,
  offset: number,
  line: number,
  column: number,
  locale: Locale,
  diagnostics: Diagnostic[],
  comments: IToken[],
  shift: boolean,
): CfToken[] {
  const result = chevrotainLexer.tokenize(text);
  if (shift) {
    for (const t of result.tokens) shiftToken(t, offset, line, column);
    for (const t of result.groups.comments ?? []) shiftToken(t, offset, line, column);
  }
  for (const error of result.errors) {
    const start = error.offset + offset;
    const errLine = shift ? line : (error.line ?? 1);
    const errColumn = shift ? (error.column ?? 1) + column - 1 : (error.column ?? 1);
    const range = rangeOf(start, errLine, errColumn, 1);
    diagnostics.push(syntaxDiagnostic('CF100', range, locale, { char: text.charAt(error.offset) }));
  }
  comments.push(...(result.groups.comments ?? []));
  const out: CfToken[] = [];
  let previous: IToken | undefined;
  for (const token of result.tokens as CfToken[]) {
    if (token.tokenType === Identifier) {
      const keyword = keywordByText.get(token.image);
      if (keyword !== undefined) retype(token, keyword);
    }
    const type = token.tokenType;
    if (type === StringLiteral || type === UnterminatedString) {
      expandString(token, previous, locale, diagnostics, comments, out);
    } else if (type === JsBlock || type === UnterminatedJs) {
      if (type === UnterminatedJs) diagnostics.push(syntaxDiagnostic('CF105', tokenRange(token), locale));
      retype(token, JsBlock);
      const open = token.image.indexOf('{');
      token.value = token.image.slice(open + 1, type === JsBlock ? -1 : undefined);
      out.push(token);
    } else {
      out.push(token);
    }
    previous = token;
  }
  return out;
}

function shiftToken(t: IToken, offset: number, line: number, column: number): void {
  t.startOffset += offset;
  t.endOffset = (t.endOffset ?? t.startOffset) + offset;
  t.startColumn = (t.startColumn ?? 1) + column - 1;
  t.endColumn = (t.endColumn ?? 1) + column - 1;
  t.startLine = line;
  t.endLine = line;
}

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
      token.startOffset + open + 1,
      token.startLine!,
      token.startColumn! + open + 1,
      locale,
      diagnostics,
      comments,
      true,
    );
    out.push(...inner);
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
  // Phantom levels come from inconsistent indentation: they open and close without tokens.
  const levels: { width: number; phantom: boolean }[] = [{ width: 0, phantom: false }];
  let previous: IToken | undefined;
  for (const token of tokens) {
    if (previous === undefined || token.startLine! > previous.endLine!) {
      const width = indentation(source, token, locale, diagnostics);
      if (previous !== undefined) out.push(virtualAfter(Newline, previous));
      let top = levels[levels.length - 1]!;
      if (width > top.width) {
        if (previous === undefined) {
          diagnostics.push(syntaxDiagnostic('CF102.unexpected', lineStartRange(token, width), locale));
          levels.push({ width, phantom: true });
        } else {
          levels.push({ width, phantom: false });
          out.push(virtualAt(Indent, token));
        }
      } else if (width < top.width) {
        while (levels.length > 1 && top.width > width) {
          levels.pop();
          if (!top.phantom) out.push(virtualAt(Outdent, token));
          top = levels[levels.length - 1]!;
        }
        if (top.width < width) {
          diagnostics.push(syntaxDiagnostic('CF102', lineStartRange(token, width), locale));
          levels.push({ width, phantom: true });
        }
      }
    }
    out.push(token);
    previous = token;
  }
  if (previous !== undefined) {
    out.push(virtualAfter(Newline, previous));
    for (let i = levels.length - 1; i > 0; i--) {
      if (!levels[i]!.phantom) out.push(virtualAfter(Outdent, previous));
    }
  }
  return out;
}

/** Width of the indentation before a line's first token; reports tabs (CF103). */
function indentation(source: string, token: IToken, locale: Locale, diagnostics: Diagnostic[]): number {
  const start = token.startOffset;
  let lineStart = start;
  while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  const tab = source.slice(lineStart, start).indexOf('\t') + lineStart;
  if (tab >= lineStart) {
    const range = rangeOf(tab, token.startLine!, tab - lineStart + 1, 1);
    diagnostics.push(syntaxDiagnostic('CF103', range, locale));
  }
  // A byte-order mark before the first line is not indentation.
  return lineStart === 0 && source.charCodeAt(0) === 0xfeff ? start - 1 : start - lineStart;
}

function virtualAfter(type: TokenType, t: IToken): CfToken {
  const offset = t.endOffset! + 1;
  const column = t.endColumn! + 1;
  return createTokenInstance(type, '', offset, offset - 1, t.endLine!, t.endLine!, column, column - 1);
}

function virtualAt(type: TokenType, t: IToken): CfToken {
  const { startOffset: o, startLine: l, startColumn: c } = t;
  return createTokenInstance(type, '', o, o - 1, l!, l!, c!, c! - 1);
}

function lineStartRange(token: IToken, width: number): SourceRange {
  return rangeOf(token.startOffset - width, token.startLine!, 1, width);
}

function rangeOf(offset: number, line: number, column: number, length: number): SourceRange {
  return {
    start: { line, column, offset },
    end: { line, column: column + length, offset: offset + length },
  };
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
