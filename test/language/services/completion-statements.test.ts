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
const find = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);

const twoSteps = (cursorLine: string) =>
  lines('flow "x"', cursorLine, '  step balance', '    hangup', '  step survey_end', '    hangup');

describe('names after a keyword', () => {
  it('offers the flow’s steps after goto, replacing nothing yet', () => {
    const { source, offset } = withCursor(twoSteps('  goto |'));
    const items = complete(source, offset, workspace);
    expect(labels(items)).toEqual(['balance', 'survey_end']);
    expect(items[0].kind).toBe('step');
    expect(items[0].replaceRange.start.offset).toBe(offset);
    expect(items[0].replaceRange.end.offset).toBe(offset);
  });

  it('replaces the whole word when the cursor is inside it', () => {
    const { source, offset } = withCursor(twoSteps('  goto ba|lance'));
    const [item] = complete(source, offset, workspace);
    expect(item.label).toBe('balance');
    expect(source.slice(item.replaceRange.start.offset, item.replaceRange.end.offset)).toBe('balance');
    expect(item.replaceRange.start).toMatchObject({ line: 2, column: 8 });
  });

  it('shows the first lines of a step as its documentation', () => {
    const item = find(completeAt(twoSteps('  goto |')), 'balance');
    expect(item?.documentation).toContain('step balance\n  hangup');
  });

  it('offers steps after retry, then the rest of the retry clause', () => {
    expect(labels(completeAt(twoSteps('  retry |')))).toEqual(['balance', 'survey_end']);
    const [atMost] = completeAt(twoSteps('  retry balance |'));
    expect(atMost).toMatchObject({ label: 'at most', isSnippet: true });
    expect(atMost.insertText).toBe('at most ${1:3} times, then $0');
  });

  it('offers subflows after call, with their parameters as placeholders', () => {
    const items = completeAt(lines('subflow greet(name, lang)', '  return', 'flow "x"', '  call |'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      label: 'greet',
      kind: 'function',
      insertText: 'greet(${1:name}, ${2:lang})',
    });
  });

  it('offers queue names inside `queue "`, replacing the string content', () => {
    const { source, offset } = withCursor(lines('flow "x"', '  queue "te|"'));
    const items = complete(source, offset, workspace);
    expect(labels(items)).toEqual(['tech-support']);
    expect(items[0].insertText).toBe('tech-support');
    expect(source.slice(items[0].replaceRange.start.offset, items[0].replaceRange.end.offset)).toBe('te');
  });

  it('inserts quotes when the string is not opened yet', () => {
    const items = completeAt(lines('flow "x"', '  queue |'));
    expect(labels(items)).toEqual(['tech-support', 'general']);
    expect(items[1].insertText).toBe('"general"');
  });

  it('offers queues after transfer to queue and in a branch after ->', () => {
    expect(labels(completeAt(lines('flow "x"', '  transfer to queue "|')))).toEqual([
      'tech-support',
      'general',
    ]);
    const branch = lines('flow "x"', '  menu m', '    on 2 -> queue "|"');
    expect(labels(completeAt(branch))).toEqual(['tech-support', 'general']);
  });

  it('offers prompts after play and prompt play', () => {
    expect(labels(completeAt(lines('flow "x"', '  play "|')))).toEqual(['greeting', 'record-warning']);
    const menu = lines('flow "x"', '  menu m', '    prompt play "rec|');
    expect(labels(completeAt(menu))).toEqual(['record-warning']);
  });

  it('offers calendars after within, quoted or not', () => {
    expect(labels(completeAt(lines('flow "x"', '  if within "|')))).toEqual(['business-hours']);
    const [item] = completeAt(lines('flow "x"', '  if not within |'));
    expect(item).toMatchObject({ kind: 'calendar', insertText: '"business-hours"' });
  });

  it('offers skills, including those only queues require, for each string of the list', () => {
    expect(labels(completeAt(lines('flow "x"', '  queue "general" skills "|')))).toEqual(['internet', 'ru']);
    const second = completeAt(lines('flow "x"', '  queue "general" skills "internet", |'));
    expect(second.map((i) => i.insertText)).toEqual(['"internet"', '"ru"']);
  });

  it('offers a data source’s operations with their signatures after `source.`', () => {
    const items = completeAt(lines('flow "x"', '  let account = billing.|'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      label: 'balance',
      kind: 'operation',
      detail: 'billing.balance(contract: string, secret pin: string): {balance: number, currency: string}?',
      insertText: 'balance(${1:contract}, ${2:pin})',
    });
    expect(items[0].documentation).toContain('1500ms');
    expect(labels(completeAt(lines('flow "x"', '  crm.lo|')))).toEqual(['lookup', 'logContact']);
  });

  it('offers groups, time zones and languages in a header', () => {
    expect(labels(completeAt(lines('survey "s"', '  group "|')))).toEqual(['survey-team']);
    expect(labels(completeAt(lines('flow "x"', '  timezone "|')))).toEqual(['Europe/Kyiv']);
    expect(labels(completeAt(lines('flow "x"', '  language |')))).toEqual(['ru', 'uk', 'en']);
  });

  it('completes clause keywords of transfer, record, after, menu, ask and queue', () => {
    expect(labels(completeAt(lines('flow "x"', '  transfer |')))).toEqual(['to']);
    expect(labels(completeAt(lines('flow "x"', '  transfer to |')))).toEqual([
      'extension',
      'queue',
      'number',
    ]);
    expect(labels(completeAt(lines('flow "x"', '  record |')))).toEqual(['call']);
    expect(labels(completeAt(lines('flow "x"', '  menu m', '    after |')))).toEqual(['retries']);
    expect(labels(completeAt(lines('flow "x"', '  menu main retries 3 |')))).toEqual(['timeout']);
    expect(labels(completeAt(lines('flow "x"', '  ask |')))).toEqual(['secret']);
    expect(labels(completeAt(lines('flow "x"', '  ask secret pin = |')))).toEqual(['digits']);
    expect(labels(completeAt(lines('flow "x"', '  ask pin = digits 4 until "#" |')))).toEqual([
      'timeout',
      'interdigit',
      'matching',
      'retries',
    ]);
    expect(labels(completeAt(lines('flow "x"', '  queue "general" priority 5 |')))).toEqual(
      expect.arrayContaining(['skills', 'max']),
    );
    expect(labels(completeAt(lines('flow "x"', '  queue "general" max |')))).toEqual(['wait']);
    expect(labels(completeAt(lines('flow "x"', '  question q "Как?" |')))).toEqual([
      'yesno',
      'choice',
      'number',
      'text',
    ]);
  });
});

describe('the start of a line', () => {
  it('offers flow, survey and subflow at the top level', () => {
    const items = completeAt('|');
    expect(labels(items)).toEqual(['flow', 'survey', 'subflow', 'flow', 'survey', 'subflow']);
    expect(items[0]).toMatchObject({ kind: 'snippet', isSnippet: true });
    expect(items[0].insertText).toContain('answers "${2:0800300400}"');
  });

  it('offers header clauses, statements and step first in a flow', () => {
    const items = completeAt(lines('flow "x"', '  answers "1"', '  |'));
    const words = labels(items.filter((i) => i.kind === 'keyword'));
    expect(words.slice(0, 5)).toEqual(['answers', 'language', 'fallback', 'group', 'timezone']);
    expect(words).toEqual(expect.arrayContaining(['say', 'menu', 'queue', 'goto', 'step']));
    expect(labels(items.filter((i) => i.kind === 'dataSource'))).toEqual(['billing', 'crm']);
  });

  it('drops header clauses once the flow’s statements have begun', () => {
    const words = labels(completeAt(lines('flow "x"', '  say "hi"', '  |')));
    expect(words).not.toContain('answers');
    expect(words).toContain('say');
  });

  it('offers statements but no header clause inside a step', () => {
    const words = labels(completeAt(lines('flow "x"', '  step s', '    |')));
    expect(words).toContain('hangup');
    expect(words).not.toContain('language');
    expect(words).not.toContain('repeat');
    expect(words).not.toContain('return');
  });

  it('offers only menu clauses directly under a menu', () => {
    const items = completeAt(lines('flow "x"', '  menu main', '    prompt "…"', '    |'));
    expect(labels(items.filter((i) => i.kind === 'keyword'))).toEqual(['prompt', 'on', 'after']);
    expect(labels(items.filter((i) => i.kind === 'snippet'))).toEqual([
      'on key',
      'on timeout, invalid',
      'after retries',
    ]);
    const snippet = find(items, 'after retries');
    expect(snippet?.insertText).toBe('after retries -> ${1:queue "${9|tech-support,general|}"}');
  });

  it('offers the events each block handles after `on`', () => {
    expect(labels(completeAt(lines('flow "x"', '  menu m', '    on |')))).toEqual(['timeout', 'invalid']);
    expect(labels(completeAt(lines('flow "x"', '  queue "general"', '    on |')))).toEqual(['overflow']);
    expect(labels(completeAt(lines('flow "x"', '  question q "?" yesno', '    on |')))).toEqual([
      'yes',
      'no',
    ]);
    expect(labels(completeAt(lines('flow "x"', '  let a = crm.lookup("1")', '    on |')))).toEqual(['error']);
  });

  it('offers block clauses of ask, queue, question and data operations', () => {
    const ask = completeAt(lines('flow "x"', '  ask pin = digits 4', '    |'));
    expect(labels(ask.filter((i) => i.kind === 'keyword'))).toEqual(['prompt', 'on', 'after']);
    const queue = completeAt(lines('flow "x"', '  queue "general"', '    |'));
    expect(labels(queue.filter((i) => i.kind === 'keyword'))).toEqual(['announce', 'music', 'on']);
    const question = completeAt(lines('flow "x"', '  question q "?" choice', '    |'));
    expect(labels(question.filter((i) => i.kind === 'keyword'))).toEqual(['option', 'on']);
    const data = completeAt(lines('flow "x"', '  let a = crm.lookup("1")', '    |'));
    expect(data.map((i) => i.insertText)).toEqual(['on error -> ']);
  });

  it('offers repeat only inside a menu or ask branch', () => {
    expect(labels(completeAt(lines('flow "x"', '  menu m', '    on 1 -> |')))).toContain('repeat');
    expect(labels(completeAt(lines('flow "x"', '  menu m', '    on 1', '      |')))).toContain('repeat');
    expect(labels(completeAt(lines('flow "x"', '  if true', '    |')))).not.toContain('repeat');
  });

  it('offers return in a subflow and else after an if', () => {
    expect(labels(completeAt(lines('subflow f(a)', '  say "x"', '  |')))).toContain('return');
    const afterIf = lines('flow "x"', '  if true', '    hangup', '  |');
    expect(labels(completeAt(afterIf))).toContain('else');
    expect(labels(completeAt(lines('flow "x"', '  say "x"', '  |')))).not.toContain('else');
  });

  it('filters by the typed prefix, exact prefixes before fuzzy matches', () => {
    const items = completeAt(lines('flow "x"', '  say "x"', '  se|'));
    expect(labels(items)).toEqual(['set', 'transfer', 'ask secret', 'transfer', 'step', 'step']);
    expect(items[0].kind).toBe('keyword');
    expect(items.every((i, n) => i.sortText === String(n).padStart(4, '0'))).toBe(true);
  });

  it('gives keyword help in the editor’s language', () => {
    const en = find(completeAt(lines('flow "x"', '  say "x"', '  |')), 'hangup');
    const ru = find(completeAt(lines('flow "x"', '  say "x"', '  |'), 'ru'), 'hangup');
    expect(en?.documentation).toContain('Ends the call.');
    expect(ru?.documentation).toContain('Завершает звонок.');
    const ruItems = completeAt(lines('flow "x"', '  say "x"', '  |'), 'ru');
    const snippet = ruItems.find((i) => i.label === 'menu' && i.kind === 'snippet');
    expect(snippet?.detail).toBe('Голосовое меню: сообщение, вариант выбора, повтор и ограничение попыток.');
  });
});
