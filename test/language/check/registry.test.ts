import { describe, expect, it } from 'vitest';
import type { Check } from '../../../language/check/context.ts';
import { CHECKS, runChecks } from '../../../language/check/index.ts';
import { parse } from '../../../language/parse.ts';
import { dedent, summarize, workspace } from './fixtures.ts';

const source = dedent(`
  flow "T"
    answers "100"
    goto nowhere
`);

describe('the check registry', () => {
  it('runs a registered check over the shared context', () => {
    const gotoCounter: Check = {
      name: 'no-goto',
      run(ctx) {
        for (const unit of ctx.symbols.units) {
          for (const stmt of unit.decl.body)
            if (stmt.kind === 'Goto') ctx.report('CF201', stmt.target.range, { name: 'x' });
        }
      },
    };
    const found = runChecks(parse(source).document, workspace, 'en', [gotoCounter]);
    expect(summarize(found)).toEqual(['CF201 3:8-3:15']);
  });

  it('CF000: a check that throws is reported and the other checks still run', () => {
    const broken: Check = {
      name: 'broken',
      run() {
        throw new Error('boom');
      },
    };
    const found = runChecks(parse(source).document, workspace, 'en', [broken, ...CHECKS]);
    expect(found.map((d) => d.code)).toEqual(['CF000', 'CF201']);
    expect(found[0].message).toBe("internal error in the 'broken' check: boom (please report it)");
  });
});
