import { describe, expect, it } from 'vitest';
import { type CompletionItem, complete } from '../../../language/services/completion.ts';
import { EMPTY_WORKSPACE } from '../../../language/workspace.ts';
import { lines, withCursor } from './cursor-marker.ts';
import { workspace } from './fixture-workspace.ts';
import { referenceFlow } from './sample-flow.ts';

function completeAt(marked: string): CompletionItem[] {
  const { source, offset } = withCursor(marked);
  return complete(source, offset, workspace);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion on text being typed', () => {
  it('completes an unfinished string in the middle of a flow', () => {
    const source = lines(
      'flow "x"',
      '  menu main',
      '    on 1 -> queue "te|',
      '    on 2 -> goto balance',
      '  step balance',
      '    hangup',
    );
    expect(labels(completeAt(source))).toEqual(['tech-support']);
  });

  it('still knows the steps after a line the parser rejects', () => {
    const source = lines(
      'flow "x"',
      '  let = = = ((',
      '  say "unclosed',
      '  goto |',
      '  step balance',
      '    hangup',
    );
    expect(labels(completeAt(source))).toEqual(['balance']);
  });

  it('still knows earlier variables when the line above is broken', () => {
    const source = lines('flow "x"', '  ask contract = digits 4', '  menu )', '  if con|');
    expect(labels(completeAt(source))[0]).toBe('contract');
  });

  it('completes inside an interpolation that is not closed yet', () => {
    const source = lines('flow "x"', '  ask contract = digits 4', '  say "Договор {con|');
    const items = completeAt(source);
    expect(items[0]).toMatchObject({ label: 'contract', kind: 'variable' });
    expect(items[0].replaceRange.start.column).toBe(17);
  });

  it('completes a member in an unclosed interpolation with a nested string', () => {
    const source = lines('flow "x"', '  say "{money(caller.|');
    expect(labels(completeAt(source))).toEqual(['number', 'name']);
  });

  it('offers nothing inside a comment or in free text', () => {
    expect(completeAt(lines('flow "x"', '  say "x" // goto |'))).toEqual([]);
    expect(completeAt(lines('flow "x"', '  say "Добрый |день"'))).toEqual([]);
  });

  it('completes a statement under a menu that has no choices yet', () => {
    const source = lines('flow "x"', '  menu main retries', '    on 1', '      queu|');
    expect(labels(completeAt(source))[0]).toBe('queue');
  });

  it('completes in a flow with no header name and in an empty step', () => {
    expect(labels(completeAt(lines('flow', '  step a', '  step b', '    goto |')))).toEqual(['a', 'b']);
    expect(labels(completeAt(lines('flow "x"', '  step', '    |')))).toContain('say');
  });

  it('never throws, at any offset of any prefix of a real flow', () => {
    let answered = 0;
    for (let end = 0; end <= referenceFlow.length; end += 7) {
      const prefix = referenceFlow.slice(0, end);
      for (const offset of [0, Math.floor(end / 2), end, end + 5, -3, Number.NaN]) {
        const items = complete(prefix, offset, workspace);
        expect(Array.isArray(items)).toBe(true);
        if (items.length > 0) answered++;
      }
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('works without a workspace', () => {
    const items = completeAt(lines('flow "x"', '  queue "|'));
    expect(items).not.toHaveLength(0);
    const { source, offset } = withCursor(lines('flow "x"', '  queue "|'));
    expect(complete(source, offset, EMPTY_WORKSPACE)).toEqual([]);
    expect(labels(complete(lines('flow "x"', '  '), 11, EMPTY_WORKSPACE))).toContain('say');
  });
});
