/**
 * The checker: every static check of a parsed document against its workspace (see check/index.ts
 * for the registry and docs/diagnostics.md for the codes).
 */
import type { Document } from './ast.ts';
import { runChecks } from './check/index.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import type { Workspace } from './workspace.ts';

export {
  checkWorkspaceFlows,
  type FileDiagnostics,
  type FlowFile,
} from './check/dialled-numbers.ts';

export interface CheckOptions {
  locale?: Locale;
}

export function check(document: Document, workspace: Workspace, options: CheckOptions = {}): Diagnostic[] {
  return runChecks(document, workspace, options.locale ?? 'en');
}
