import { describe, expect, it } from 'vitest';
import { arrow, block, dur, ident, key, name, num, queue, str } from './support/ast-shapes.ts';
import { statement, statements } from './support/parse-helpers.ts';
import { withoutRanges } from './support/without-ranges.ts';

describe('menu', () => {
  it('reads header options, prompts, keys with arrows and blocks, events and after retries', () => {
    expect(
      statement(
        'menu main retries 3 timeout 5s',
        '  prompt "Нажмите 1", "или 2"',
        '  prompt play "menu-main"',
        '  on 1, 2 -> goto balance',
        '  on *',
        '    say "звезда"',
        '    repeat',
        '  on #, 0 -> hangup',
        '  on timeout, invalid -> repeat',
        '  after retries -> queue "general"',
      ),
    ).toEqual({
      kind: 'Menu',
      name: name('main'),
      retries: num(3),
      timeout: dur('5s', 5000),
      prompts: [
        { kind: 'Say', parts: [str('Нажмите 1'), str('или 2')] },
        { kind: 'Play', prompt: str('menu-main') },
      ],
      choices: [
        {
          kind: 'Choice',
          keys: [key('1'), key('2')],
          body: arrow({ kind: 'Goto', target: name('balance') }),
        },
        {
          kind: 'Choice',
          keys: [key('*')],
          body: block({ kind: 'Say', parts: [str('звезда')] }, { kind: 'Repeat' }),
        },
        { kind: 'Choice', keys: [key('#'), key('0')], body: arrow({ kind: 'Hangup' }) },
        { kind: 'Choice', keys: [key('timeout'), key('invalid')], body: arrow({ kind: 'Repeat' }) },
      ],
      afterRetries: arrow(queue('general')),
    });
  });

  it('accepts header options in any order', () => {
    const [menu] = statements('menu m timeout 2s retries 1', '  on 1 -> hangup');
    expect(menu?.kind === 'Menu' && [menu.retries?.value, menu.timeout?.ms]).toEqual([1, 2000]);
  });

  it('gives an arrow statement the lines indented under its `on` line', () => {
    const [menu] = statements('menu m', '  on 1 -> queue "tech"', '    music "jazz"');
    expect(menu?.kind === 'Menu' && withoutRanges(menu.choices[0]!.body)).toEqual(
      arrow(queue('tech', { music: str('jazz') })),
    );
  });
});

describe('ask', () => {
  it('reads every option and its children', () => {
    expect(
      statement(
        'ask secret pin = digits 4..6 until "#" timeout 7s interdigit 3s matching "^[0-9]+$" retries 2',
        '  prompt "Введите PIN"',
        '  on invalid -> say "Неверно"',
        '  on timeout -> repeat',
        '  after retries -> queue "general"',
      ),
    ).toEqual({
      kind: 'Ask',
      secret: true,
      target: name('pin'),
      min: num(4),
      max: num(6),
      terminator: str('#'),
      timeout: dur('7s', 7000),
      interdigit: dur('3s', 3000),
      pattern: str('^[0-9]+$'),
      retries: num(2),
      prompts: [{ kind: 'Say', parts: [str('Введите PIN')] }],
      handlers: [
        { kind: 'Choice', keys: [key('invalid')], body: arrow({ kind: 'Say', parts: [str('Неверно')] }) },
        { kind: 'Choice', keys: [key('timeout')], body: arrow({ kind: 'Repeat' }) },
      ],
      afterRetries: arrow(queue('general')),
    });
  });

  it('reads `digits 4` as exactly four digits and allows a variable called secret', () => {
    const [ask] = statements('ask secret = digits 4');
    expect(ask?.kind === 'Ask' && [ask.secret, ask.target.text, ask.min.value, ask.max.value]).toEqual([
      false,
      'secret',
      4,
      4,
    ]);
  });
});

describe('question', () => {
  it('reads yes/no branches and a nested question', () => {
    expect(
      statement(
        'question satisfied "Удовлетворены?" yesno',
        '  on yes -> question services "Какими?" text',
        '  on no',
        '    question complaint "Что не так?" text',
      ),
    ).toEqual({
      kind: 'Question',
      name: name('satisfied'),
      text: str('Удовлетворены?'),
      answerType: 'yesno',
      min: null,
      max: null,
      options: [],
      branches: [
        {
          kind: 'QuestionBranch',
          answer: key('yes'),
          body: arrow({
            kind: 'Question',
            name: name('services'),
            text: str('Какими?'),
            answerType: 'text',
            min: null,
            max: null,
            options: [],
            branches: [],
          }),
        },
        {
          kind: 'QuestionBranch',
          answer: key('no'),
          body: block({
            kind: 'Question',
            name: name('complaint'),
            text: str('Что не так?'),
            answerType: 'text',
            min: null,
            max: null,
            options: [],
            branches: [],
          }),
        },
      ],
    });
  });

  it('reads number ranges, choice options and option branches', () => {
    const [score, source] = statements(
      'question score "Оцените {who}" number 1..5',
      'question source "Откуда?" choice',
      '  option 1 "Реклама"',
      '  option 2 "Друзья"',
      '  on 2 -> say "Спасибо друзьям"',
    );
    expect(score?.kind === 'Question' && [score.min?.value, score.max?.value, score.text.kind]).toEqual([
      1,
      5,
      'Template',
    ]);
    expect(
      source?.kind === 'Question' && withoutRanges([source.options, source.branches.map((b) => b.answer)]),
    ).toEqual([
      [
        { kind: 'Option', key: key('1'), label: str('Реклама') },
        { kind: 'Option', key: key('2'), label: str('Друзья') },
      ],
      [key('2')],
    ]);
  });
});

describe('queues and transfers', () => {
  it('a queue with every option and child', () => {
    expect(
      statement(
        'queue "tech-support" priority (vip ? 10 : 0) skills "internet", "ru" max wait 10m',
        '  announce "Ожидание {ewt} мин." every 60s',
        '  music "default"',
        '  on overflow -> queue "general"',
      ),
    ).toEqual(
      queue('tech-support', {
        priority: {
          kind: 'Paren',
          inner: { kind: 'Conditional', test: ident('vip'), then: num(10), otherwise: num(0) },
        },
        skills: [str('internet'), str('ru')],
        maxWait: dur('10m', 600000),
        announce: { kind: 'Template', parts: ['Ожидание ', ident('ewt'), ' мин.'] },
        announceEvery: dur('60s', 60000),
        music: str('default'),
        onOverflow: arrow(queue('general')),
      }),
    );
  });
});
