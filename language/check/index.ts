/**
 * The check registry: every check is a small file exporting a `Check`; this list runs them over
 * one shared context. Adding a check is adding a file and a line here.
 */
import type { Document } from '../ast.ts';
import type { Diagnostic, Locale } from '../diagnostic.ts';
import { EMPTY_RANGE } from '../source-range.ts';
import type { Workspace } from '../workspace.ts';
import { type Check, createContext } from './context.ts';
import { controlFlowCheck } from './control-flow.ts';
import { declarationsCheck } from './declarations.ts';
import { headersCheck } from './headers.ts';
import { menusCheck } from './menus.ts';
import { namesCheck } from './names.ts';
import { placementCheck } from './placement.ts';
import { recordingCheck } from './recording.ts';
import { secretsCheck } from './secrets.ts';
import { typesCheck } from './types.ts';

export const CHECKS: readonly Check[] = [
  declarationsCheck,
  namesCheck,
  typesCheck,
  placementCheck,
  controlFlowCheck,
  menusCheck,
  secretsCheck,
  headersCheck,
  recordingCheck,
];

export function runChecks(
  document: Document,
  workspace: Workspace,
  locale: Locale,
  checks: readonly Check[] = CHECKS,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = createContext(document, workspace, locale, out);
  for (const check of checks) {
    try {
      check.run(ctx);
    } catch (error) {
      // A checker bug on a half-parsed file must not take the editor or the CLI down with it.
      ctx.report('CF000', document.declarations[0]?.range ?? EMPTY_RANGE, {
        check: check.name,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return out;
}
