/**
 * What every check receives: the document, the workspace, the shared symbols and a `report`
 * that turns a message key and its arguments into a localized Diagnostic.
 */
import type { Document } from '../ast.ts';
import type { Diagnostic, Locale } from '../diagnostic.ts';
import { diagnostic } from '../messages.ts';
import type { SourceRange } from '../source-range.ts';
import type { Workspace } from '../workspace.ts';
import { buildSymbols, type Symbols } from './scope.ts';

export type MessageArgs = Record<string, string | number>;

export interface CheckContext {
  readonly document: Document;
  readonly workspace: Workspace;
  readonly locale: Locale;
  readonly symbols: Symbols;
  /** Reports a code (`CF201`) or a variant (`CF211.subflow`) at a range. */
  report(key: string, range: SourceRange, args?: MessageArgs): void;
}

/** One registered check: a small file under language/check/ exporting one of these. */
export interface Check {
  readonly name: string;
  run(ctx: CheckContext): void;
}

export function createContext(
  document: Document,
  workspace: Workspace,
  locale: Locale,
  out: Diagnostic[],
): CheckContext {
  return {
    document,
    workspace,
    locale,
    symbols: buildSymbols(document),
    report: (key, range, args = {}) => out.push(diagnostic(key, range, args, locale)),
  };
}
