/**
 * The tokens of one source line, from the real lexer, with offsets into the whole document.
 * Completion and keyword hover only ever need the cursor's line: lexing it alone is cheap on every
 * keystroke and cannot be thrown off by a broken line elsewhere in the file.
 */
import type { IToken } from 'chevrotain';
import { type CfToken, tokenize } from '../lexer.ts';
import { Indent, Newline, Outdent } from '../tokens.ts';
import type { SourceText } from './source-text.ts';

export interface LineTokens {
  tokens: CfToken[];
  comments: IToken[];
}

const VIRTUAL = new Set([Newline, Indent, Outdent]);

export function lineTokens(text: SourceText, line: number): LineTokens {
  return tokensOf(text.lineText(line), text.lineStart(line));
}

/** Lexes `fragment`, which starts at `offset` of the document (a line, or the inside of a `{…}`). */
export function tokensOf(fragment: string, offset: number): LineTokens {
  const result = tokenize(fragment);
  const tokens = result.tokens.filter((t) => !VIRTUAL.has(t.tokenType));
  for (const t of tokens) shift(t, offset);
  for (const t of result.comments) shift(t, offset);
  return { tokens, comments: result.comments };
}

function shift(token: IToken, offset: number): void {
  token.startOffset += offset;
  token.endOffset = (token.endOffset ?? token.startOffset) + offset;
}

/** Offset just past the token (chevrotain's endOffset is inclusive). */
export function tokenEnd(token: IToken): number {
  return (token.endOffset ?? token.startOffset) + 1;
}
