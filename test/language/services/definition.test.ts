import { describe, expect, it } from 'vitest';
import { definition, references } from '../../../language/services/definition.ts';
import type { SourceRange } from '../../../language/source-range.ts';
import { lines, withCursor } from './cursor-marker.ts';
import { referenceFlow } from './sample-flow.ts';

/** The reference flow with the cursor just after the first occurrence of `before`. */
function inReference(before: string): { source: string; offset: number } {
  const at = referenceFlow.indexOf(before);
  if (at < 0) throw new Error(`not in the reference flow: ${before}`);
  return { source: referenceFlow, offset: at + before.length };
}

const where = (r: SourceRange | null) => (r ? `${r.start.line}:${r.start.column}-${r.end.column}` : null);

describe('definition', () => {
  it('goes from goto and retry to the step', () => {
    const fromGoto = inReference('goto bal');
    expect(where(definition(fromGoto.source, fromGoto.offset))).toBe('18:8-15');
    const fromRetry = inReference('retry bal');
    expect(where(definition(fromRetry.source, fromRetry.offset))).toBe('18:8-15');
  });

  it('goes from a call to the subflow', () => {
    const { source, offset } = inReference('call good');
    expect(where(definition(source, offset))).toBe('32:9-16');
  });

  it('goes from a variable’s use to its declaration, in expressions and templates', () => {
    const use = inReference('billing.balance(contract, p');
    expect(where(definition(use.source, use.offset))).toBe('21:16-19');
    const inTemplate = inReference('{money(acc');
    expect(where(definition(inTemplate.source, inTemplate.offset))).toBe('23:9-16');
    const param = inReference('log contract = wh');
    expect(where(definition(param.source, param.offset))).toBe('32:17-20');
  });

  it('goes from set to the variable, and finds a declaration written later in the flow', () => {
    const { source, offset } = withCursor(
      lines(
        'flow "x"',
        '  goto s2',
        '  step s1',
        '    set tot|al = 2',
        '  step s2',
        '    let total = 1',
        '    goto s1',
      ),
    );
    expect(where(definition(source, offset))).toBe('6:9-14');
  });

  it('has nothing to go to for builtins, unknown steps and keywords', () => {
    const caller = inReference('priority (call');
    expect(definition(caller.source, caller.offset)).toBeNull();
    const { source, offset } = withCursor(lines('flow "x"', '  goto nowh|ere'));
    expect(definition(source, offset)).toBeNull();
    const keyword = inReference('hang');
    expect(definition(keyword.source, keyword.offset)).toBeNull();
  });
});

describe('references', () => {
  it('lists a step’s declaration and every goto and retry', () => {
    const { source, offset } = inReference('step bal');
    expect(references(source, offset).map(where)).toEqual(['14:18-25', '18:8-15', '27:13-20']);
    expect(references(source, offset, { includeDeclaration: false }).map(where)).toEqual([
      '14:18-25',
      '27:13-20',
    ]);
  });

  it('lists a variable’s declaration and uses, including interpolations and arguments', () => {
    const { source, offset } = inReference('let accou');
    expect(references(source, offset).map(where)).toEqual(['23:9-16', '25:8-15', '28:39-46', '28:56-63']);
  });

  it('keeps subflow parameters and flow variables apart', () => {
    const { source, offset } = inReference('goodbye(who');
    expect(references(source, offset).map(where)).toEqual(['32:17-20', '33:18-21']);
    const contract = inReference('ask contr');
    expect(references(contract.source, contract.offset).map(where)).toEqual([
      '19:9-17',
      '23:35-43',
      '29:18-26',
    ]);
  });

  it('answers empty for anything else', () => {
    const { source, offset } = inReference('queue "tech');
    expect(references(source, offset)).toEqual([]);
  });
});
