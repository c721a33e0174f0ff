/**
 * Source text → Document + syntax diagnostics: lexer.ts (tokens and layout), parser.ts (line tree),
 * assemble.ts (AST). Never throws: whatever the input, the result is a document (possibly partial)
 * and diagnostics with ranges.
 */

import { assemble } from './assemble.ts';
import type { Comment, Document } from './ast.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { tokenize, tokenRange } from './lexer.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import { CallflowParser } from './parser.ts';
import { endPosition, parseErrorDiagnostics } from './parser-errors.ts';
import type { SourceRange } from './source-range.ts';

export interface ParseOptions {
  locale?: Locale;
}

export interface ParseResult {
  document: Document;
  diagnostics: Diagnostic[];
}

// Building the parser costs tens of milliseconds: build it once, on first use, and reuse it.
let sharedParser: CallflowParser | null = null;

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const locale = options.locale ?? 'en';
  const whole: SourceRange = { start: { line: 1, column: 1, offset: 0 }, end: endPosition(source) };
  try {
    const lexed = tokenize(source, locale);
    sharedParser ??= new CallflowParser();
    const parser = sharedParser;
    parser.locale = locale;
    parser.input = lexed.tokens;
    const lines = parser.document();
    const parseDiagnostics = parseErrorDiagnostics(parser.errors, source, locale);
    const actionDiagnostics = parser.actionDiagnostics;
    parser.input = []; // drop references to this source's tokens
    const assembled = assemble(lines ?? [], locale);
    const comments: Comment[] = lexed.comments.map((t) => ({
      kind: 'Comment',
      text: t.image.slice(2),
      range: tokenRange(t),
    }));
    const diagnostics = [
      ...lexed.diagnostics,
      ...parseDiagnostics,
      ...actionDiagnostics,
      ...assembled.diagnostics,
    ];
    diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return {
      document: { kind: 'Document', declarations: assembled.declarations, comments, range: whole },
      diagnostics,
    };
  } catch (error) {
    // A bug in the toolchain must not take the editor or the server down: report it on the file.
    sharedParser = null;
    const message = error instanceof Error ? error.message : String(error);
    return {
      document: { kind: 'Document', declarations: [], comments: [], range: whole },
      diagnostics: [syntaxDiagnostic('CF199', whole, locale, { error: message })],
    };
  }
}
