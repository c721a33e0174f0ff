import { describe, expect, it } from 'vitest';
import { parseFlowTest } from '../../../runtime/flow-tests/parse-flowtest.ts';

describe('parseFlowTest', () => {
  it('reads setup lines, cases, actions and expectations', () => {
    const file = parseFlowTest(`# a comment
flow "support.flow"
given billing.balance("123456", any) returns {balance: 50, currency: "UAH", tags: ["a"]}
operator "PJSIP/2001" answers after 3s

case "Баланс"
  caller "+380501234567" calls "0800300400" at "Mon 10:00"
  press 3
  enter "123456#"   // the contract
  press 1111#
  wait 1.5s
  expect hear "На вашем личном счету 50 гривен"
  expect not hear "неверно"
  expect queue "general" priority 10
  expect connected to "PJSIP/2001"
  expect data billing.balance timeout
  expect log vip = true
  expect transfer to extension "1001"
  expect error at line 12
  hang up
  expect outcome abandoned
  expect hangup
`);
    expect(file.problems).toEqual([]);
    expect(file.flow).toBe('support.flow');
    expect(file.givens).toEqual([
      {
        line: 3,
        source: 'billing',
        operation: 'balance',
        args: [{ value: '123456' }, { any: true }],
        result: { returns: { balance: 50, currency: 'UAH', tags: ['a'] } },
      },
    ]);
    expect(file.operators).toEqual([
      { line: 4, endpoint: 'PJSIP/2001', behaviour: { type: 'answer-after', delayMs: 3000 } },
    ]);
    const [c] = file.cases;
    expect(c).toMatchObject({
      name: 'Баланс',
      line: 6,
      caller: '+380501234567',
      dialled: '0800300400',
      at: 'Mon 10:00',
    });
    expect(c.steps.map((s) => s.action)).toEqual([
      { kind: 'press', keys: '3' },
      { kind: 'press', keys: '123456#' },
      { kind: 'press', keys: '1111#' },
      { kind: 'wait', ms: 1500 },
      {
        kind: 'expect',
        expectation: { kind: 'hear', text: 'На вашем личном счету 50 гривен', negated: false },
      },
      { kind: 'expect', expectation: { kind: 'hear', text: 'неверно', negated: true } },
      { kind: 'expect', expectation: { kind: 'queue', queue: 'general', priority: 10 } },
      { kind: 'expect', expectation: { kind: 'connected', operator: 'PJSIP/2001' } },
      {
        kind: 'expect',
        expectation: { kind: 'data', source: 'billing', operation: 'balance', result: 'timeout' },
      },
      { kind: 'expect', expectation: { kind: 'log', field: 'vip', value: true } },
      { kind: 'expect', expectation: { kind: 'transfer', target: 'extension', destination: '1001' } },
      { kind: 'expect', expectation: { kind: 'error', line: 12 } },
      { kind: 'hangup' },
      { kind: 'expect', expectation: { kind: 'outcome', outcome: 'abandoned' } },
      { kind: 'expect', expectation: { kind: 'hangup' } },
    ]);
    expect(c.steps[1].line).toBe(9);
  });

  it('reports each unreadable line with its number, in the chosen language', () => {
    const text = `press 1
case "x"
  press abc
  expect outcome lost
  given crm.find(1 returns 2
  wait forever
`;
    expect(parseFlowTest(text, 'en').problems.map((p) => p.line)).toEqual([1, 3, 4, 5, 6]);
    const ru = parseFlowTest(text, 'ru').problems;
    expect(ru[0].message).toBe('это должно быть внутри `case`');
    expect(ru[3].message).toContain('не удалось разобрать');
    expect(ru[4].message).toBe('«forever» — не длительность (например 5s, 2m, 500ms)');
  });

  it('a file without cases is a problem', () => {
    expect(parseFlowTest('# nothing\n').problems).toEqual([{ line: 1, message: 'no `case` in this file' }]);
  });
});
