/**
 * Parse + check in one call, diagnostics sorted by position: what the editor, the CLI and deploy
 * run on every change. `Analyzer` does the same for successive versions of one document, reading
 * again only the lines an edit touched (parse.ts); its results are exactly those of `analyze`.
 */
import type { Document } from './ast.ts';
import { check } from './check.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { IncrementalParser, type ParseResult, parse } from './parse.ts';
import type { Workspace } from './workspace.ts';

export interface AnalyzeOptions {
  locale?: Locale;
}

export interface Analysis {
  document: Document;
  diagnostics: Diagnostic[];
}

export function analyze(source: string, workspace: Workspace, options: AnalyzeOptions = {}): Analysis {
  const locale = options.locale ?? 'en';
  return checked(parse(source, { locale }), workspace, locale);
}

/** `analyze` for one document as it is edited (an editor's keystrokes); the checker still reads it all. */
export class Analyzer {
  private readonly parser = new IncrementalParser();

  analyze(source: string, workspace: Workspace, options: AnalyzeOptions = {}): Analysis {
    const locale = options.locale ?? 'en';
    return checked(this.parser.parse(source, { locale }), workspace, locale);
  }
}

function checked(parsed: ParseResult, workspace: Workspace, locale: Locale): Analysis {
  const diagnostics = [...parsed.diagnostics, ...check(parsed.document, workspace, { locale })];
  return { document: parsed.document, diagnostics: sortDiagnostics(diagnostics) };
}

/** Sorts by start, then end, then code (in place); ties keep the order they were reported in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.code.localeCompare(b.code),
  );
}
