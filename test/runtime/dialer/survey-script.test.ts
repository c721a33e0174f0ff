/**
 * The example survey (examples/abc-internet/survey.flow) as an operator's script: the operator reads
 * the lines, enters the customer's answers, and the flow's own branches pick the next question.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { compile } from '../../../language/compile.ts';
import type { CompiledFlow } from '../../../language/compiled-format.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';
import { questionNames } from '../../../runtime/dialer/survey-questions.ts';
import { SurveyScript } from '../../../runtime/dialer/survey-script.ts';
import { FlowSandbox } from '../../../runtime/sandbox/flow-sandbox.ts';
import { flowClock } from '../../../runtime/session/flow-time.ts';

const EXAMPLE = join(import.meta.dirname, '../../../examples/abc-internet');
const source = readFileSync(join(EXAMPLE, 'survey.flow'), 'utf8');

function compileSurvey(text: string): { compiled: CompiledFlow; workspace: Workspace } {
  const parsed = parseWorkspace(JSON.parse(readFileSync(join(EXAMPLE, 'callflow.workspace.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const { document, diagnostics } = analyze(text, parsed.workspace);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return {
    compiled: compile(document, parsed.workspace, { fileName: 'survey.flow', source: text }),
    workspace: parsed.workspace,
  };
}

describe('a survey as an operator script', () => {
  let sandbox: FlowSandbox;
  let workspace: Workspace;

  beforeAll(async () => {
    const built = compileSurvey(source);
    workspace = built.workspace;
    sandbox = await FlowSandbox.create(built.compiled);
  });
  afterAll(() => sandbox.dispose());

  function script(): SurveyScript {
    const s = new SurveyScript({
      sandbox,
      lang: 'ru',
      clock: () => flowClock(Date.parse('2026-03-02T10:00:00Z'), workspace.timezone, workspace.calendars, []),
    });
    s.start({
      id: 'call-1',
      caller: { number: '0501234567', name: null },
      dialled: '0501234567',
      tenant: 'abc',
    });
    return s;
  }

  it('starts with the greeting and the first question', () => {
    const view = script().view();
    expect(view.lines[0]).toEqual({
      kind: 'say',
      text: 'Добрый день, Вас беспокоит компания “АВС Интернет”.',
    });
    expect(view.current).toMatchObject({ name: 'satisfied', answerType: 'yesno' });
    expect(view.current?.text).toContain('удовлетворены ли Вы сервисом');
    expect(view.done).toBe(false);
  });

  it('«да» leads to the services question, then the goodbye', () => {
    const s = script();
    const yes = s.answer('satisfied', 'да');
    expect(yes.ok && yes.view.current).toMatchObject({ name: 'services', answerType: 'text' });
    const end = s.answer('services', '  Телевидение и облачное хранилище ');
    expect(end.ok).toBe(true);
    const view = s.view();
    expect(view.done).toBe(true);
    expect(view.current).toBeNull();
    expect(view.lines.at(-1)).toEqual({ kind: 'say', text: 'Спасибо за Ваши ответы! До свидания.' });
    expect(s.answers()).toEqual([
      { question: 'satisfied', value: 'yes' },
      { question: 'services', value: 'Телевидение и облачное хранилище' },
    ]);
  });

  it('«нет» leads to the complaint question instead', () => {
    const s = script();
    const no = s.answer('satisfied', 'no');
    expect(no.ok && no.view.current?.name).toBe('complaint');
  });

  it('refuses an answer of the wrong type or to another question, and keeps waiting', () => {
    const s = script();
    expect(s.answer('satisfied', 'может быть')).toEqual({
      ok: false,
      code: 'bad-answer',
      question: 'satisfied',
      expected: 'yes or no',
    });
    expect(s.answer('services', 'x')).toEqual({ ok: false, code: 'not-current', current: 'satisfied' });
    expect(s.view().current?.name).toBe('satisfied');
    expect(s.answers()).toEqual([]);
  });

  it('no answer (null) is an answer, as on the keypad', () => {
    const s = script();
    expect(s.answer('satisfied', null).ok).toBe(true);
    // The flow has no branch for "no answer": it goes on to the goodbye.
    expect(s.view()).toMatchObject({ done: true, current: null });
    expect(s.answers()).toEqual([{ question: 'satisfied', value: null }]);
  });

  it('question names come from the source, branches included', () => {
    expect(questionNames(source, 'Удовлетворённость сервисом')).toEqual([
      'satisfied',
      'services',
      'complaint',
    ]);
  });
});

describe('script answers by type', () => {
  it('numbers within bounds, choices by key', async () => {
    const text = [
      'survey "Оценка"',
      '  group "survey-team"',
      '  question score "Оцените от 1 до 5" number 1..5',
      '  question source "Откуда узнали?" choice',
      '    option 1 "Реклама"',
      '    option 2 "Друзья"',
      '  hangup',
    ].join('\n');
    const { compiled, workspace } = compileSurvey(text);
    const sandbox = await FlowSandbox.create(compiled);
    try {
      const s = new SurveyScript({
        sandbox,
        lang: 'ru',
        clock: () => flowClock(0, workspace.timezone, workspace.calendars, []),
      });
      s.start({ id: 'c', caller: { number: '1', name: null }, dialled: '1', tenant: 'abc' });
      expect(s.answer('score', 7)).toMatchObject({ ok: false, expected: 'a number in 1..5' });
      expect(s.answer('score', '4').ok).toBe(true);
      expect(s.answer('source', '3')).toMatchObject({ ok: false, expected: 'one of 1, 2' });
      expect(s.answer('source', 2).ok).toBe(true);
      expect(s.answers()).toEqual([
        { question: 'score', value: 4 },
        { question: 'source', value: '2' },
      ]);
      expect(s.done).toBe(true);
    } finally {
      sandbox.dispose();
    }
  });
});
