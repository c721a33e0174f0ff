/**
 * CF603 (warning): `record call` needs a spoken notice (`say` or `play`) before it on its way from
 * the start of its body, so callers hear that the call is recorded. Read lexically: a notice in an
 * enclosing block before the statement counts; one inside a sibling `if` does not.
 */
import type { Statement } from '../ast.ts';
import { nestedBlocks } from '../walk.ts';
import type { Check, CheckContext } from './context.ts';

export const recordingCheck: Check = {
  name: 'recording',
  run(ctx) {
    for (const { decl } of ctx.symbols.units) {
      scan(ctx, decl.body, false);
      if (decl.kind === 'Flow') for (const step of decl.steps) scan(ctx, step.body, false);
    }
  },
};

function scan(ctx: CheckContext, stmts: Statement[], noticed: boolean): void {
  for (const stmt of stmts) {
    if (stmt.kind === 'Say' || stmt.kind === 'Play') noticed = true;
    else if (stmt.kind === 'Record' && !noticed) ctx.report('CF603', stmt.range);
    for (const block of nestedBlocks(stmt)) scan(ctx, block, noticed);
  }
}
