import { describe, expect, it } from 'vitest';
import { arrow, block, ident, name, num, queue, str } from './support/ast-shapes.ts';
import { parseClean, statement, statements } from './support/parse-helpers.ts';
import { withoutRanges } from './support/without-ranges.ts';

describe('declarations', () => {
  it('reads a flow: name, header clauses, entry body and steps', () => {
    const doc = parseClean(
      [
        'flow "Поддержка"',
        '  answers "0800300400", "+380441234567"',
        '  language ru',
        '  fallback -> queue "general"',
        '  group "tech"',
        '  timezone "Europe/Kyiv"',
        '  say "a"',
        '  step balance',
        '    hangup',
        '',
      ].join('\n'),
    );
    expect(withoutRanges(doc.declarations)).toEqual([
      {
        kind: 'Flow',
        flavor: 'flow',
        name: str('Поддержка'),
        header: [
          { kind: 'Answers', numbers: [str('0800300400'), str('+380441234567')] },
          { kind: 'Language', language: name('ru') },
          { kind: 'Fallback', action: queue('general') },
          { kind: 'Group', group: str('tech') },
          { kind: 'Timezone', zone: str('Europe/Kyiv') },
        ],
        body: [{ kind: 'Say', parts: [str('a')] }],
        steps: [{ kind: 'Step', name: name('balance'), body: [{ kind: 'Hangup' }] }],
      },
    ]);
  });

  it('reads a survey and a subflow with parameters', () => {
    const doc = parseClean('survey "Опрос"\n  hangup\n\nsubflow greet(who, times)\n  return who\n');
    expect(withoutRanges(doc.declarations)).toEqual([
      {
        kind: 'Flow',
        flavor: 'survey',
        name: str('Опрос'),
        header: [],
        body: [{ kind: 'Hangup' }],
        steps: [],
      },
      {
        kind: 'Subflow',
        name: name('greet'),
        params: [name('who'), name('times')],
        body: [{ kind: 'Return', value: ident('who') }],
      },
    ]);
  });

  it('collects comments with their text after //', () => {
    const doc = parseClean('// top\nflow "x" // after\n  hangup\n');
    expect(doc.comments.map((c) => c.text)).toEqual([' top', ' after']);
  });
});

describe('speech', () => {
  it('say with several parts, plain and templated', () => {
    expect(statement('say "a", "b {x}"')).toEqual({
      kind: 'Say',
      parts: [str('a'), { kind: 'Template', parts: ['b ', ident('x'), ''] }],
    });
  });

  it('play a recorded prompt', () => {
    expect(statement('play "welcome"')).toEqual({ kind: 'Play', prompt: str('welcome') });
  });
});

describe('variables and data operations', () => {
  it('let and set, with an `on error` branch', () => {
    expect(
      statements('let a = billing.balance(c, p)', '  on error -> queue "general"', 'set a = 1').map(
        withoutRanges,
      ),
    ).toEqual([
      {
        kind: 'Let',
        target: name('a'),
        value: {
          kind: 'Call',
          callee: { kind: 'Member', object: ident('billing'), property: name('balance') },
          args: [ident('c'), ident('p')],
          subflow: false,
        },
        onError: arrow(queue('general')),
      },
      { kind: 'Set', target: name('a'), value: num(1), onError: null },
    ]);
  });

  it('a data operation as a statement, with a block `on error`', () => {
    expect(statement('crm.logContact(caller.number)', '  on error', '    say "x"')).toEqual({
      kind: 'Data',
      call: {
        kind: 'Call',
        callee: { kind: 'Member', object: ident('crm'), property: name('logContact') },
        args: [{ kind: 'Member', object: ident('caller'), property: name('number') }],
        subflow: false,
      },
      onError: block({ kind: 'Say', parts: [str('x')] }),
    });
  });

  it('log a custom field, call a subflow, return with and without a value', () => {
    expect(
      statements('log reason = "vip"', 'call greet("Иван")', 'return', 'return 1').map(withoutRanges),
    ).toEqual([
      { kind: 'Log', field: name('reason'), value: str('vip') },
      {
        kind: 'CallStmt',
        call: { kind: 'Call', callee: ident('greet'), args: [str('Иван')], subflow: true },
      },
      { kind: 'Return', value: null },
      { kind: 'Return', value: num(1) },
    ]);
  });

  it('keywords as names where unambiguous: variables text and number, fields .number and .text', () => {
    const [a, b] = statements('let text = caller.number', 'let number = text.text');
    expect(withoutRanges([a, b])).toEqual([
      {
        kind: 'Let',
        target: name('text'),
        value: { kind: 'Member', object: ident('caller'), property: name('number') },
        onError: null,
      },
      {
        kind: 'Let',
        target: name('number'),
        value: { kind: 'Member', object: ident('text'), property: name('text') },
        onError: null,
      },
    ]);
  });
});

describe('control flow', () => {
  it('if / else if / else nest the else-if in a one-element else block', () => {
    expect(statement('if a', '  say "1"', 'else if b', '  say "2"', 'else', '  say "3"')).toEqual({
      kind: 'If',
      condition: ident('a'),
      then: [{ kind: 'Say', parts: [str('1')] }],
      otherwise: [
        {
          kind: 'If',
          condition: ident('b'),
          then: [{ kind: 'Say', parts: [str('2')] }],
          otherwise: [{ kind: 'Say', parts: [str('3')] }],
        },
      ],
    });
  });

  it('goto, repeat, and a bounded retry with its fallback', () => {
    expect(
      statements('goto balance', 'repeat', 'retry balance at most 3 times, then queue "general"').map(
        withoutRanges,
      ),
    ).toEqual([
      { kind: 'Goto', target: name('balance') },
      { kind: 'Repeat' },
      { kind: 'Retry', target: name('balance'), times: num(3), otherwise: queue('general') },
    ]);
  });

  it('the comma before `then` is optional', () => {
    expect(statement('retry s at most 2 times then hangup')).toMatchObject({
      kind: 'Retry',
      otherwise: { kind: 'Hangup' },
    });
  });
});

describe('transfers, recording, hangup', () => {
  it('transfer to an extension, a queue or a number; record; hang up', () => {
    expect(
      statements(
        'transfer to extension "1001"',
        'transfer to queue "general"',
        'transfer to number caller.number',
        'record call',
        'hangup',
      ).map(withoutRanges),
    ).toEqual([
      { kind: 'Transfer', target: 'extension', destination: str('1001') },
      { kind: 'Transfer', target: 'queue', destination: str('general') },
      {
        kind: 'Transfer',
        target: 'number',
        destination: { kind: 'Member', object: ident('caller'), property: name('number') },
      },
      { kind: 'Record' },
      { kind: 'Hangup' },
    ]);
  });
});

describe('js escape hatch', () => {
  it('a js statement keeps its code and the range of the code', () => {
    const source = 'flow "t"\n  js { let a = {b: 1};\n    log(a) }\n';
    const flow = parseClean(source).declarations[0];
    const js = flow?.kind === 'Flow' ? flow.body[0] : undefined;
    expect(
      js?.kind === 'Js' && [js.code, source.slice(js.codeRange.start.offset, js.codeRange.end.offset)],
    ).toEqual([' let a = {b: 1};\n    log(a) ', ' let a = {b: 1};\n    log(a) ']);
    expect(js?.kind === 'Js' && [js.codeRange.end.line, js.codeRange.end.column]).toEqual([3, 12]);
  });
});
