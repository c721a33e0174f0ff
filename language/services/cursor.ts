/**
 * Where the cursor is, read from the lexer's tokens of its line: inside a comment, inside a string
 * (and which statement words come before it), inside a `{…}` hole of a string, or in code; the word
 * being typed and the range a completion replaces; and the tokens of the statement so far.
 */
import type { IToken } from 'chevrotain';
import type { CfToken } from '../lexer.ts';
import { scanString } from '../scan-literals.ts';
import {
  Arrow,
  Comma,
  JsBlock,
  StringLiteral,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
} from '../tokens.ts';
import { lineTokens, tokenEnd, tokensOf } from './line-tokens.ts';
import { isWordChar, type SourceText } from './source-text.ts';

export interface Cursor {
  offset: number;
  line: number;
  lineStart: number;
  /** Indentation of the statement being typed (on a blank line: up to the cursor). */
  indent: number;
  mode: 'code' | 'string' | 'comment' | 'js';
  /** The part of the word or string content already typed before the cursor. */
  prefix: string;
  /** What a chosen completion replaces: the whole word, or the whole string content. */
  replaceStart: number;
  replaceEnd: number;
  /**
   * Code mode: the statement's tokens before the word being typed (after `->` or `, then` when the
   * line holds a one-line branch; inside a `{…}` hole, the hole's tokens). String mode: the tokens
   * before the string.
   */
  tokens: CfToken[];
  /** True inside a `{…}` of a string: only expressions are possible. */
  inHole: boolean;
  /** True when `tokens` is the start of the line's first statement (no `->` before it). */
  startsLine: boolean;
  /** String mode: whether the string already has its closing quote. */
  stringClosed: boolean;
}

export function cursorAt(text: SourceText, offset: number): Cursor {
  const line = text.lineAt(offset);
  const lineStart = text.lineStart(line);
  const lineText = text.lineText(line);
  let indent = 0;
  while (indent < lineText.length && indent < offset - lineStart && /[ \t]/.test(lineText[indent])) indent++;
  const cursor: Cursor = {
    offset,
    line,
    lineStart,
    indent,
    mode: 'code',
    prefix: '',
    replaceStart: offset,
    replaceEnd: offset,
    tokens: [],
    inHole: false,
    startsLine: true,
    stringClosed: false,
  };
  const { tokens, comments } = lineTokens(text, line);
  if (comments.some((c) => c.startOffset < offset)) return { ...cursor, mode: 'comment' };

  // Tokens before the cursor, grouped by template hole: a `{` opens a frame, `}` closes it.
  const frames: CfToken[][] = [[]];
  for (const token of tokens) {
    if (token.startOffset >= offset) break;
    const end = tokenEnd(token);
    const type = token.tokenType;
    if (type === JsBlock && offset < end) return { ...cursor, mode: 'js' };
    if (type === StringLiteral && (offset < end || !isTerminated(text.text, token))) {
      return inString(text, cursor, token, frames);
    }
    if (type === TemplateHead || type === TemplateMiddle || type === TemplateTail) {
      if (offset < end || (type === TemplateTail && !token.image.endsWith('"'))) {
        return templateText(cursor, token, frames);
      }
      if (type === TemplateHead) frames.push([]);
      else if (type === TemplateMiddle) frames[frames.length - 1] = [];
      else if (frames.length > 1) frames.pop();
      continue;
    }
    if (offset <= end && isWordToken(token)) {
      cursor.prefix = token.image.slice(0, offset - token.startOffset);
      cursor.replaceStart = token.startOffset;
      cursor.replaceEnd = end;
      break;
    }
    frames[frames.length - 1].push(token);
  }
  if (frames.length > 1)
    return { ...cursor, inHole: true, startsLine: false, tokens: frames[frames.length - 1] };
  // A word touching the cursor from the right (`goto |balance`) is replaced as a whole.
  if (cursor.prefix === '' && isWordChar(text.text[offset])) {
    let end = offset;
    while (isWordChar(text.text[end])) end++;
    cursor.replaceEnd = end;
  }
  return withStatementTokens(cursor, frames[0]);
}

/** Keeps only the tokens of the innermost statement: after the last `->` or `, then`. */
function withStatementTokens(cursor: Cursor, tokens: CfToken[]): Cursor {
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType === Arrow) start = i + 1;
    else if (t.image === 'then' && tokens[i - 1]?.tokenType === Comma) start = i + 1;
  }
  return { ...cursor, tokens: tokens.slice(start), startsLine: start === 0 };
}

function isTerminated(source: string, token: IToken): boolean {
  return scanString(source, token.startOffset).terminated;
}

export function isWordToken(token: IToken): boolean {
  return isWordChar(token.image[0]) && !/[0-9]/.test(token.image[0]);
}

/** The cursor is inside a plain string: its content, or code inside an unclosed `{`. */
function inString(text: SourceText, cursor: Cursor, token: CfToken, frames: CfToken[][]): Cursor {
  const image = token.image;
  const terminated = isTerminated(text.text, token);
  const upTo = cursor.offset - token.startOffset;
  const hole = openHoleStart(image, upTo);
  if (hole >= 0) {
    // `"На счету {acc|`: the lexer saw no hole (it never closes), so lex the hole's text here.
    const holeStart = token.startOffset + hole + 1;
    const inner = tokensOf(text.text.slice(holeStart, cursor.offset), holeStart).tokens;
    const last = inner.at(-1);
    const partial = last && isWordToken(last) && tokenEnd(last) === cursor.offset ? last : null;
    return {
      ...cursor,
      inHole: true,
      startsLine: false,
      tokens: partial ? inner.slice(0, -1) : inner,
      prefix: partial ? partial.image : '',
      replaceStart: partial ? partial.startOffset : cursor.offset,
      replaceEnd: cursor.offset,
    };
  }
  const contentStart = token.startOffset + 1;
  const contentEnd = terminated ? tokenEnd(token) - 1 : tokenEnd(token);
  const statement = withStatementTokens(cursor, frames[frames.length - 1]);
  return {
    ...statement,
    mode: 'string',
    inHole: frames.length > 1,
    prefix: text.text.slice(contentStart, cursor.offset),
    replaceStart: contentStart,
    replaceEnd: contentEnd,
    stringClosed: terminated,
  };
}

/** Cursor in the text part of a string with holes: free text, offer nothing but keep the owner. */
function templateText(cursor: Cursor, token: CfToken, frames: CfToken[][]): Cursor {
  const statement = withStatementTokens(cursor, frames[frames.length - 1]);
  const start = token.startOffset + 1;
  return {
    ...statement,
    mode: 'string',
    prefix: '',
    replaceStart: start,
    replaceEnd: start,
    stringClosed: true,
  };
}

/** Index of the `{` whose hole is still open at `upTo` in a string image, or -1. */
function openHoleStart(image: string, upTo: number): number {
  let depth = 0;
  let open = -1;
  let inNested = false;
  for (let i = 1; i < upTo; i++) {
    const c = image[i];
    if (c === '\\') {
      i++;
    } else if (depth === 0) {
      if (c === '"') return -1;
      if (c === '{') {
        depth = 1;
        open = i;
      }
    } else if (inNested) {
      if (c === '"') inNested = false;
    } else if (c === '"') {
      inNested = true;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
    }
  }
  return depth > 0 && !inNested ? open : -1;
}
