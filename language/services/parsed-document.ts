/**
 * A parsed document as every service consumes it: the text with its line table, the (possibly
 * recovered) AST, the syntax diagnostics, and its symbols per workspace. `LanguageService` caches
 * one per document version so completion, hover and symbols on the same text share one parse.
 */
import type { Document } from '../ast.ts';
import type { Diagnostic, Locale } from '../diagnostic.ts';
import { type IncrementalParser, parse } from '../parse.ts';
import { EMPTY_RANGE } from '../source-range.ts';
import type { Workspace } from '../workspace.ts';
import { DocumentScope } from './scope.ts';
import { SourceText } from './source-text.ts';

export interface ParsedDocument {
  text: SourceText;
  document: Document;
  diagnostics: Diagnostic[];
  /** Symbols and types against `workspace`, built once per workspace object. */
  scope(workspace: Workspace): DocumentScope;
}

/**
 * `locale` only changes the language of the syntax diagnostics. With `parser` (one per document,
 * kept between its versions), only the lines changed since its last parse are read again.
 */
export function parseDocument(
  source: string,
  locale: Locale = 'en',
  parser?: IncrementalParser,
): ParsedDocument {
  let document: Document;
  let diagnostics: Diagnostic[];
  try {
    ({ document, diagnostics } = parser ? parser.parse(source, { locale }) : parse(source, { locale }));
  } catch {
    // The parser promises not to throw; if it ever does, services degrade to line-based answers.
    document = { kind: 'Document', declarations: [], comments: [], range: EMPTY_RANGE };
    diagnostics = [];
  }
  let cached: DocumentScope | null = null;
  // The line table is built on first use: diagnostics alone (every keystroke) never need it.
  let text: SourceText | null = null;
  return {
    get text() {
      text ??= new SourceText(source);
      return text;
    },
    document,
    diagnostics,
    scope(workspace) {
      if (cached?.workspace !== workspace) cached = new DocumentScope(document, workspace);
      return cached;
    },
  };
}
