import { describe, expect, it } from 'vitest';
import type { Expr } from '../../language/ast.ts';
import { expr, exprWithRanges } from './support/parse-helpers.ts';

/** A compact S-expression of an expression tree, to state precedence briefly. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'Binary':
      return `(${e.op} ${shape(e.left)} ${shape(e.right)})`;
    case 'Unary':
      return `(${e.op} ${shape(e.operand)})`;
    case 'IsNone':
      return `(is${e.negated ? '-not' : ''}-none ${shape(e.operand)})`;
    case 'Conditional':
      return `(? ${shape(e.test)} ${shape(e.then)} ${shape(e.otherwise)})`;
    case 'Paren':
      return `[${shape(e.inner)}]`;
    case 'Ident':
      return e.name;
    case 'Number':
      return String(e.value);
    case 'Member':
      return `${shape(e.object)}.${e.property.text}`;
    case 'Call':
      return `${e.subflow ? 'call ' : ''}${shape(e.callee)}(${e.args.map(shape).join(' ')})`;
    default:
      return e.kind;
  }
}

const tree = (text: string) => shape(exprWithRanges(text));

describe('precedence and associativity', () => {
  it.each([
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['not a and b', '(and (not a) b)'],
    ['not a == b', '(not (== a b))'],
    ['a and not b or c', '(or (and a (not b)) c)'],
    ['not not a', '(not (not a))'],
    ['a == b + c * d', '(== a (+ b (* c d)))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a * b % c / d', '(/ (% (* a b) c) d)'],
    ['-a * b', '(* (- a) b)'],
    ['a - -b', '(- a (- b))'],
    ['a + b is none', '(is-none (+ a b))'],
    ['a is not none and b', '(and (is-not-none a) b)'],
    ['not a is none', '(not (is-none a))'],
    ['x in [1, 2] or y', '(or (in x List) y)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a or b ? 1 : 2', '(? (or a b) 1 2)'],
    ['(a + b) * c', '(* [(+ a b)] c)'],
    ['a <= b', '(<= a b)'],
    ['a != b', '(!= a b)'],
    ['a >= b', '(>= a b)'],
    ['a < b', '(< a b)'],
    ['a > b', '(> a b)'],
  ])('%s → %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe('postfix and calls', () => {
  it('member chains and calls bind tightest', () => {
    expect(tree('money(account.balance, account.currency) + 1')).toBe(
      '(+ money(account.balance account.currency) 1)',
    );
    expect(tree('a.b.c(d).e')).toBe('a.b.c(d).e');
  });

  it('speech formats and date builtins are names: number, digits, date, time', () => {
    expect(tree('number(n) + digits(s) + date(d) + time(d)')).toBe(
      '(+ (+ (+ number(n) digits(s)) date(d)) time(d))',
    );
  });

  it('call f(…) marks a subflow call', () => {
    expect(tree('call f(1)')).toBe('call f(1)');
  });
});

describe('literals', () => {
  it('numbers, durations, booleans, none, lists', () => {
    expect(expr('[3, 0.5, 50.00, 500ms, 2m, 1h, true, false, none]')).toEqual({
      kind: 'List',
      items: [
        { kind: 'Number', value: 3 },
        { kind: 'Number', value: 0.5 },
        { kind: 'Number', value: 50 },
        { kind: 'Duration', ms: 500, text: '500ms' },
        { kind: 'Duration', ms: 120000, text: '2m' },
        { kind: 'Duration', ms: 3600000, text: '1h' },
        { kind: 'Bool', value: true },
        { kind: 'Bool', value: false },
        { kind: 'None' },
      ],
    });
  });

  it('an empty list', () => {
    expect(expr('[]')).toEqual({ kind: 'List', items: [] });
  });

  it('a template alternates text and expressions, text first and last', () => {
    expect(expr('"{a}, {b.c}!"')).toEqual({
      kind: 'Template',
      parts: [
        '',
        { kind: 'Ident', name: 'a' },
        ', ',
        { kind: 'Member', object: { kind: 'Ident', name: 'b' }, property: { kind: 'Name', text: 'c' } },
        '!',
      ],
    });
  });

  it('a template inside a template', () => {
    expect(expr('"a {f("b {c}")} d"')).toMatchObject({
      kind: 'Template',
      parts: [
        'a ',
        { kind: 'Call', args: [{ kind: 'Template', parts: ['b ', { kind: 'Ident', name: 'c' }, ''] }] },
        ' d',
      ],
    });
  });

  it('within a calendar, and js in expression position', () => {
    expect(expr('within "support-hours"')).toEqual({
      kind: 'Within',
      calendar: { kind: 'String', value: 'support-hours' },
    });
    expect(expr('js { [1, 2].length }')).toEqual({ kind: 'JsExpr', code: ' [1, 2].length ' });
  });
});

describe('ranges', () => {
  it('every node spans exactly its tokens, inside templates too', () => {
    const source = 'flow "t"\n  let x = money(a.b, "UAH") + 1\n';
    const value = exprWithRanges('money(a.b, "UAH") + 1');
    const text = (e: { range: { start: { offset: number }; end: { offset: number } } }) =>
      source.slice(e.range.start.offset, e.range.end.offset);
    expect(text(value)).toBe('money(a.b, "UAH") + 1');
    if (value.kind !== 'Binary' || value.left.kind !== 'Call') throw new Error('shape');
    expect(text(value.left)).toBe('money(a.b, "UAH")');
    expect(text(value.left.args[0]!)).toBe('a.b');
    expect(text(value.left.args[1]!)).toBe('"UAH"');
    const member = value.left.args[0]!;
    expect(member.kind === 'Member' && text(member.property)).toBe('b');
  });

  it('positions inside a template point into the string', () => {
    const source = 'flow "t"\n  let x = "Сумма {a.b} грн"\n';
    const value = exprWithRanges('"Сумма {a.b} грн"');
    if (value.kind !== 'Template') throw new Error('shape');
    const hole = value.parts[1] as Expr;
    expect(source.slice(hole.range.start.offset, hole.range.end.offset)).toBe('a.b');
    expect([hole.range.start.line, hole.range.start.column]).toEqual([2, 19]);
  });
});
