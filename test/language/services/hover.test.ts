import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../language/diagnostic.ts';
import { type Hover, hover } from '../../../language/services/hover.ts';
import { lines, withCursor } from './cursor-marker.ts';
import { workspace } from './fixture-workspace.ts';
import { referenceFlow } from './sample-flow.ts';

function hoverAt(marked: string, locale: Locale = 'en'): Hover | null {
  const { source, offset } = withCursor(marked);
  return hover(source, offset, workspace, { locale });
}

/** The reference flow with the cursor placed just after the first occurrence of `before`. */
function inReference(before: string): string {
  const at = referenceFlow.indexOf(before);
  if (at < 0) throw new Error(`not in the reference flow: ${before}`);
  return `${referenceFlow.slice(0, at + before.length)}|${referenceFlow.slice(at + before.length)}`;
}

const covered = (marked: string, h: Hover | null) => {
  const { source } = withCursor(marked);
  return h ? source.slice(h.range.start.offset, h.range.end.offset) : null;
};

describe('hover', () => {
  it('shows the first lines of a step on goto, with the name as the range', () => {
    const marked = inReference('goto bal');
    const h = hoverAt(marked);
    expect(covered(marked, h)).toBe('balance');
    expect(h?.contents).toContain('```callflow\nstep balance\n  ask contract = digits 4..12 until "#"');
    expect(h?.contents).toContain('…');
  });

  it('describes a queue from the workspace: strategy, announcement, overflow', () => {
    const h = hoverAt(lines('flow "x"', '  queue "tech-su|pport"'));
    expect(h?.contents).toContain('**queue** `tech-support` — Техподдержка');
    expect(h?.contents).toContain('- strategy: longest-idle');
    expect(h?.contents).toContain('- announcement: «Все операторы на линии заняты.» (every 60s)');
    expect(h?.contents).toContain('- max wait: 10m, overflow to `general`');
  });

  it('describes the queue in Russian for a Russian editor', () => {
    const h = hoverAt(lines('flow "x"', '  transfer to queue "gen|eral"'), 'ru');
    expect(h?.contents).toContain('**очередь** `general`');
    expect(h?.contents).toContain('- стратегия: round-robin');
    expect(h?.contents).toContain('- музыка ожидания: calm');
  });

  it('shows a data operation’s signature, timeout and secret parameters', () => {
    const marked = inReference('billing.bal');
    const h = hoverAt(marked);
    expect(covered(marked, h)).toBe('balance');
    expect(h?.contents).toContain(
      'billing.balance(contract: string, secret pin: string): {balance: number, currency: string}?',
    );
    expect(h?.contents).toContain('- timeout: 1500ms');
    expect(h?.contents).toContain('- secret parameters (never logged): `pin`');
    expect(h?.contents).toContain('may return `none`');
  });

  it('describes a data source by its name', () => {
    const h = hoverAt(lines('flow "x"', '  let c = cr|m.lookup(caller.number)'));
    expect(h?.contents).toContain('**data source** `crm` (builtin)');
    expect(h?.contents).toContain('`crm.logContact(number: string): any`');
  });

  it('shows a variable’s type and that it is secret', () => {
    const h = hoverAt(inReference('billing.balance(contract, pi'));
    expect(h?.contents).toContain('```callflow\nsecret pin: string\n```');
    expect(h?.contents).toContain('Secret: never stored, logged or spoken.');
    const account = hoverAt(inReference('if accou'));
    expect(account?.contents).toContain('account: {balance: number, currency: string}?');
    expect(account?.contents).toContain('declared by `let`');
  });

  it('shows the type of a field', () => {
    const h = hoverAt(inReference('money(account.bal'));
    expect(h?.contents).toBe('```callflow\nbalance: number\n```');
  });

  it('shows a builtin’s signature and bilingual doc', () => {
    const en = hoverAt(inReference('{mon'));
    expect(en?.contents).toContain('money(amount: number, currency: string): speech');
    expect(en?.contents).toContain('correct number agreement');
    const ru = hoverAt(inReference('{mon'), 'ru');
    expect(ru?.contents).toContain('с правильным согласованием');
    expect(ru?.contents).toContain('Пример: `say "На счету {money(account.balance, "UAH")}."`');
  });

  it('documents implicit values', () => {
    const h = hoverAt(inReference('priority (cal'), 'ru');
    expect(h?.contents).toContain('caller: {number: string, name: string?}');
    expect(h?.contents).toContain('Звонящий');
  });

  it('gives short help on keywords in both languages', () => {
    const en = hoverAt(lines('flow "x"', '  hang|up'));
    expect(en).toMatchObject({ contents: '```callflow\nhangup\n```\nEnds the call.' });
    expect(covered(lines('flow "x"', '  hang|up'), en)).toBe('hangup');
    const ru = hoverAt(inReference('-> rep'), 'ru');
    expect(ru?.contents).toContain('Повторяет текущее меню');
  });

  it('prefers the builtin over the keyword for number(…)', () => {
    const call = hoverAt(lines('flow "x"', '  say "Вы {numb|er(3)}-й"'));
    expect(call?.contents).toContain('number(n: number): speech');
    const question = hoverAt(lines('survey "s"', '  question score "Оценка?" numb|er 1..5'));
    expect(question?.contents).toContain('A number in a range.');
  });

  it('describes prompts, calendars, skills and groups', () => {
    expect(hoverAt(lines('flow "x"', '  play "gre|eting"'))?.contents).toContain(
      '«Добрый день, компания «АВС Интернет».»',
    );
    const calendar = hoverAt(lines('flow "x"', '  if within "busi|ness-hours"', '    hangup'));
    expect(calendar?.contents).toContain('- mon: 09:00-18:00');
    expect(calendar?.contents).toContain('- sat: closed');
    const skill = hoverAt(lines('flow "x"', '  queue "general" skills "inter|net"'));
    expect(skill?.contents).toContain('- queues: `tech-support`');
    expect(hoverAt(lines('survey "s"', '  group "survey-t|eam"'))?.contents).toContain(
      '**operator group** `survey-team` — Опросы',
    );
  });

  it('shows a subflow where it is called', () => {
    const h = hoverAt(inReference('call good'));
    expect(h?.contents).toContain('subflow goodbye(who)');
  });

  it('answers null on whitespace, free text and unknown names', () => {
    expect(hoverAt(lines('flow "x"', ' | say "x"'))).toBeNull();
    expect(hoverAt(lines('flow "x"', '  say "Добр|ый"'))).toBeNull();
    expect(hoverAt(lines('flow "x"', '  queue "nowh|ere"'))).toBeNull();
    expect(hover('flow "x"\n  say "x"', 10_000, workspace)).toBeNull();
  });
});
