/**
 * Which variable each `ask` on a line fills (and whether it is secret), so the simulator can show
 * what the caller typed as variables until the runtime reports variables itself. Pure: AST in.
 */
import type { Document, Statement } from '../../../../language/ast.ts';
import { nestedBlocks } from '../../../../language/walk.ts';

export interface AskTarget {
  line: number;
  name: string;
  secret: boolean;
  terminator: string | null;
}

export function askTargets(document: Document): AskTarget[] {
  const found: AskTarget[] = [];
  const visit = (statements: Statement[]) => {
    for (const s of statements) {
      if (s.kind === 'Ask') {
        found.push({
          line: s.range.start.line,
          name: s.target.text,
          secret: s.secret,
          terminator: s.terminator?.value ?? null,
        });
      }
      for (const block of nestedBlocks(s)) visit(block);
    }
  };
  for (const d of document.declarations) {
    visit(d.body);
    if (d.kind === 'Flow') for (const step of d.steps) visit(step.body);
  }
  return found;
}
