// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${1:name}` is snippet placeholder syntax, not a template.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../language/diagnostic.ts';
import { type CompletionItem, complete } from '../../../language/services/completion.ts';
import { lines, withCursor } from './cursor-marker.ts';
import { workspace } from './fixture-workspace.ts';

function completeAt(marked: string, locale: Locale = 'en'): CompletionItem[] {
  const { source, offset } = withCursor(marked);
  return complete(source, offset, workspace, { locale });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const ofKind = (items: CompletionItem[], kind: CompletionItem['kind']) =>
  labels(items.filter((i) => i.kind === kind));
const find = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);

const balanceStep = (cursorLine: string, ...after: string[]) =>
  lines(
    'flow "x"',
    '  step balance',
    '    ask contract = digits 4..12',
    '    ask secret pin = digits 4',
    '    let account = billing.balance(contract, pin)',
    cursorLine,
    '    let later = 1',
    ...after,
  );

describe('expressions', () => {
  it('offers variables declared on earlier lines, then implicit values, builtins and literals', () => {
    const items = completeAt(balanceStep('    if |'));
    expect(items.slice(0, 3).map((i) => [i.label, i.detail])).toEqual([
      ['contract', 'string'],
      ['pin', 'secret string'],
      ['account', '{balance: number, currency: string}?'],
    ]);
    expect(labels(items)).not.toContain('later');
    expect(ofKind(items, 'variable')).toEqual([
      'contract',
      'pin',
      'account',
      'caller',
      'dialled',
      'call',
      'now',
      'today',
    ]);
    expect(ofKind(items, 'function')).toContain('startsWith');
    expect(ofKind(items, 'keyword')).toEqual(['not', 'true', 'false', 'none', 'within', 'js']);
  });

  it('marks secrets in the documentation too', () => {
    const pin = find(completeAt(balanceStep('    if |')), 'pin');
    expect(pin?.documentation).toContain('Secret: never stored, logged or spoken.');
    const ru = find(completeAt(balanceStep('    if |'), 'ru'), 'pin');
    expect(ru?.detail).toBe('секретная string');
    expect(ru?.documentation).toContain('Секрет: не сохраняется');
  });

  it('offers speech formats only where text is spoken', () => {
    expect(ofKind(completeAt(balanceStep('    if |')), 'function')).not.toContain('money');
    expect(ofKind(completeAt(balanceStep('    say "Сумма {|}"')), 'function')).toContain('money');
    expect(ofKind(completeAt(balanceStep('    say |')), 'function')).toContain('digits');
  });

  it('offers builtins as snippets with their required parameters', () => {
    const substring = find(completeAt(balanceStep('    if |')), 'substring');
    expect(substring).toMatchObject({
      kind: 'function',
      detail: 'substring(text: string, start: number, length?: number): string',
      insertText: 'substring(${1:text}, ${2:start})',
      isSnippet: true,
    });
  });

  it('documents builtins in the editor’s language', () => {
    const en = find(completeAt(balanceStep('    say "{|}"')), 'money');
    const ru = find(completeAt(balanceStep('    say "{|}"'), 'ru'), 'money');
    expect(en?.documentation).toContain('Speaks an amount with its currency');
    expect(ru?.documentation).toContain('Произносит сумму с валютой');
    expect(ru?.documentation).toContain('Пример:');
  });

  it('offers the fields of implicit values after a dot', () => {
    expect(completeAt(lines('flow "x"', '  if caller.|')).map((i) => [i.label, i.detail])).toEqual([
      ['number', 'string'],
      ['name', 'string?'],
    ]);
    expect(labels(completeAt(lines('flow "x"', '  if now.h|')))).toEqual(['hour']);
  });

  it('offers the fields of a data operation’s result through a variable', () => {
    expect(labels(completeAt(balanceStep('    say "{money(account.|')))).toEqual(['balance', 'currency']);
    expect(labels(completeAt(balanceStep('    if account.cu| == "UAH"')))).toEqual(['currency']);
  });

  it('offers operators after an operand and none after is', () => {
    expect(labels(completeAt(balanceStep('    if account |')))).toEqual(['and', 'or', 'is', 'in']);
    expect(labels(completeAt(balanceStep('    if account is |')))).toEqual(['none', 'not']);
    expect(labels(completeAt(balanceStep('    if account is not |')))).toEqual(['none']);
    expect(labels(completeAt(balanceStep('    if length(contract) > 4 and |')))).toContain('contract');
  });

  it('offers data sources and subflow calls on the right of let', () => {
    const items = completeAt(lines('flow "x"', '  let customer = |'));
    expect(ofKind(items, 'dataSource')).toEqual(['billing', 'crm']);
    expect(labels(items)).toContain('call');
    expect(completeAt(lines('flow "x"', '  let |'))).toEqual([]);
  });

  it('offers declared variables after set', () => {
    expect(labels(completeAt(balanceStep('    set |')))).toEqual(['contract', 'pin', 'account']);
  });

  it('offers subflow parameters inside the subflow', () => {
    const items = completeAt(lines('subflow greet(name, lang)', '  say "Здравствуйте, {|}"'));
    expect(ofKind(items, 'variable').slice(0, 2)).toEqual(['name', 'lang']);
  });

  it('offers ewt and position only inside a queue announcement', () => {
    const announce = completeAt(lines('flow "x"', '  queue "general"', '    announce "Ожидание {|} мин."'));
    expect(ofKind(announce, 'variable')).toEqual(expect.arrayContaining(['ewt', 'position']));
    expect(labels(completeAt(lines('flow "x"', '  say "{|}"')))).not.toContain('ewt');
  });

  it('offers expressions after a queue priority, and clauses once it is complete', () => {
    expect(labels(completeAt(lines('flow "x"', '  queue "general" priority |')))).toContain('caller');
    const afterParen = completeAt(
      lines('flow "x"', '  queue "general" priority (caller.name is none ? 10 : 0) |'),
    );
    expect(labels(afterParen)).toEqual(['skills', 'max', 'and', 'or', 'is', 'in']);
  });

  it('offers variables in a js block, and nothing of the flow language', () => {
    const items = completeAt(balanceStep('    let n = js { contract.length + | }'));
    expect(items.every((i) => i.kind === 'variable')).toBe(true);
    expect(labels(items)).toEqual(['contract', 'pin', 'account']);
  });
});
