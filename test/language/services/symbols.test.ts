import { describe, expect, it } from 'vitest';
import { type DocumentSymbol, documentSymbols } from '../../../language/services/symbols.ts';
import { lines } from './cursor-marker.ts';
import { referenceFlow } from './sample-flow.ts';

/** `kind name [detail]` lines, indented by depth: the outline as a reader sees it. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` [${s.detail}]` : ''}`,
    ...outline(s.children, depth + 1),
  ]);
}

describe('documentSymbols', () => {
  it('outlines flows, menus with their choices, steps and subflows', () => {
    expect(outline(documentSymbols(referenceFlow))).toEqual([
      'flow Поддержка АВС Интернет [0800300400, +380441234567]',
      '  menu main [retries 3 timeout 5s]',
      '    choice on 1',
      '    choice on 2 [-> queue "general"]',
      '    choice on 3 [-> goto balance]',
      '    choice on timeout, invalid [-> repeat]',
      '    choice after retries [-> queue "general"]',
      '  step balance',
      'subflow goodbye [(who)]',
    ]);
  });

  it('selects names and spans whole constructs', () => {
    const [flow, subflow] = documentSymbols(referenceFlow);
    const step = flow.children[1];
    expect(step.selectionRange.start).toMatchObject({ line: 18, column: 8 });
    expect(step.selectionRange.end).toMatchObject({ line: 18, column: 15 });
    expect(step.range.start.line).toBe(18);
    expect(step.range.end.line).toBeGreaterThanOrEqual(30);
    expect(subflow.selectionRange.start).toMatchObject({ line: 32, column: 9 });
    const choice = flow.children[0].children[3];
    expect(referenceFlow.slice(choice.selectionRange.start.offset, choice.selectionRange.end.offset)).toBe(
      'timeout, invalid',
    );
  });

  it('finds menus nested in branches and questions of a survey', () => {
    const source = lines(
      'survey "Опрос"',
      '  group "survey-team"',
      '  question satisfied "Удовлетворены ли Вы сервисом?" yesno',
      '    on yes -> question services "Какими сервисами Вы пользуетесь?" text',
      '    on no',
      '      question complaint "Что именно Вас не устраивает?" text',
      '  if true',
      '    menu again',
      '      on 1 -> hangup',
    );
    expect(outline(documentSymbols(source))).toEqual([
      'survey Опрос',
      '  question satisfied [yesno]',
      '    choice on yes [-> question services "Какими сервисами Вы пользуетесь?" text]',
      '      question services [text]',
      '    choice on no',
      '      question complaint [text]',
      '  menu again',
      '    choice on 1 [-> hangup]',
    ]);
  });

  it('keeps the outline of the lines that parse when others do not', () => {
    const source = lines(
      'flow "x"',
      '  menu main',
      '    on 1 -> goto',
      '    on 2 -> )(',
      '  step a',
      '    ((',
      '  step b',
    );
    const names = outline(documentSymbols(source));
    expect(names).toContain('  step a');
    expect(names).toContain('  step b');
    expect(names[1]).toMatch(/^ {2}menu main/);
  });

  it('gives an empty outline for empty or hopeless text', () => {
    expect(documentSymbols('')).toEqual([]);
    expect(documentSymbols(')))\n(((')).toEqual([]);
  });
});
