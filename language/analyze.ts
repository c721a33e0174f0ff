/**
 * Parse + check in one call, diagnostics sorted by position: what the editor, the CLI and deploy
 * run on every change.
 */
import type { Document } from './ast.ts';
import { check } from './check.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { parse } from './parse.ts';
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
  const parsed = parse(source, { locale });
  const diagnostics = [...parsed.diagnostics, ...check(parsed.document, workspace, { locale })];
  diagnostics.sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.code.localeCompare(b.code),
  );
  return { document: parsed.document, diagnostics };
}
