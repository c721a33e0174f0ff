import { describe, expect, it } from 'vitest';
import { syntaxMessages } from '../../language/messages-syntax.ts';
import { parse } from '../../language/parse.ts';
import { problems, textOf } from './support/parse-helpers.ts';

const flow = (...lines: string[]) => `flow "t"\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

describe('syntax errors say what was expected', () => {
  it.each([
    ['goto', "CF101 2:7 expected a step name after 'goto', found end of line"],
    ['say', "CF101 2:6 expected an expression after 'say', found end of line"],
    ['let x =', "CF101 2:10 expected an expression after '=', found end of line"],
    ['ask pin = digits', "CF101 2:19 expected a number after 'digits', found end of line"],
    ['menu', "CF101 2:7 expected a menu name after 'menu', found end of line"],
    ['queue general', "CF101 2:9 expected a string after 'queue', found 'general'"],
    [
      'transfer to phone "1"',
      "CF101 2:15 expected 'extension', 'queue' or 'number' after 'to', found 'phone'",
    ],
    ['retry s at most 3 times', "CF101 2:26 expected 'then' after 'times', found end of line"],
    ['menu m timeout 5', "CF101 2:18 expected a duration (5s, 2m, 500ms) after 'timeout', found '5'"],
    [
      'question q "?" maybe',
      "CF101 2:18 expected an answer type (yesno, text, choice, number) after '\"?\"', found 'maybe'",
    ],
    [
      'billing balance()',
      "CF101 2:11 expected a data operation like 'source.operation(…)' after 'billing', found 'balance'",
    ],
    ['= 1', "CF101 2:3 expected a statement or clause, found '='"],
  ])('%s', (line, message) => {
    expect(problems(flow(line))).toEqual([message]);
  });

  it('reports lines in the wrong place, naming what is allowed there', () => {
    expect(problems(flow('menu m', '  say "x"', '  on 1 -> hangup'))).toEqual([
      "CF101 3:5 'say' is not allowed inside a menu (use prompt, on, after retries)",
    ]);
    expect(problems(flow('prompt "x"'))).toEqual(["CF101 2:3 'prompt' is not allowed among statements"]);
    expect(problems('say "x"\n')).toEqual([
      "CF101 1:1 'say' is not allowed at the top level (start with flow, survey or subflow)",
    ]);
    expect(problems(flow('let a = 1', '  on timeout -> hangup'))).toEqual([
      "CF101 3:5 'on timeout' is not allowed here (only 'on error' may follow a data operation)",
    ]);
  });

  it('reports block problems: missing block, block where none is taken, else without if', () => {
    expect(problems(flow('if a'))).toEqual(["CF101 2:3 'if' needs '-> …' or an indented block"]);
    expect(problems(flow('menu m', '  on 1'))).toEqual([
      "CF101 3:5 'on 1' needs '-> …' or an indented block",
    ]);
    expect(problems(flow('hangup', '  say "x"'))).toEqual([
      "CF101 2:3 'hangup' does not take an indented block",
    ]);
    expect(problems(flow('else', '  hangup'))).toEqual(["CF101 2:3 'else' without a matching 'if'"]);
  });

  it('reports duplicated clauses', () => {
    expect(problems(flow('menu m retries 1 retries 2', '  on 1 -> hangup'))).toEqual([
      "CF101 2:20 'retries' is given twice",
    ]);
  });

  it('reports a key that is not a single key', () => {
    expect(problems(flow('menu m', '  on 12 -> hangup'))).toEqual([
      "CF101 3:8 '12' is not a key: use 0-9, * or #",
    ]);
  });

  it('speaks Russian when asked', () => {
    expect(problems(flow('goto'), 'ru')).toEqual([
      'CF101 2:7 после «goto» ожидается имя шага, найдено: конец строки',
    ]);
    expect(problems('flow "t"\n  say "a\n', 'ru')).toEqual([
      'CF104 2:7 незакрытая строка: добавьте закрывающую "',
    ]);
  });
});

describe('recovery: several errors in one file, the rest of the tree survives', () => {
  const source = [
    'flow "Поддержка"',
    '  say "Добрый день"',
    '  goto',
    '  menu main retries 3',
    '    on 1 -> queue',
    '    on 2 -> goto balance',
    '  let x = 1 +',
    '  step balance',
    '    say "x" "y"',
    '    hangup',
    '',
  ].join('\n');

  it('reports each broken line once, in order, at the right place', () => {
    expect(problems(source)).toEqual([
      "CF101 3:7 expected a step name after 'goto', found end of line",
      "CF101 5:18 expected a string after 'queue', found end of line",
      "CF101 7:14 expected an expression after '+', found end of line",
      'CF101 9:13 expected end of line after \'"x"\', found \'"y"\'',
    ]);
  });

  it('keeps every statement that parsed', () => {
    const declaration = parse(source).document.declarations[0];
    if (declaration?.kind !== 'Flow') throw new Error('no flow');
    // A missing name is invented (empty, zero-width) so the statement survives for the editor.
    expect(declaration.body.map((s) => s.kind)).toEqual(['Say', 'Goto', 'Menu']);
    const goto = declaration.body[1];
    expect(
      goto?.kind === 'Goto' && [
        goto.target.text,
        goto.target.range.start.offset === goto.target.range.end.offset,
      ],
    ).toEqual(['', true]);
    const menu = declaration.body[2];
    expect(menu?.kind === 'Menu' && menu.choices.map((c) => c.keys[0]!.key)).toEqual(['1', '2']);
    // The extra token is dropped from `say "x" "y"`: the statement itself survives.
    expect(declaration.steps.map((s) => [s.name.text, s.body.map((b) => b.kind)])).toEqual([
      ['balance', ['Say', 'Hangup']],
    ]);
  });

  it('never lets an error reach past its line (each line is parsed on its own)', () => {
    // Several tokens after a complete statement, and a line starting with a word no line starts
    // with: both used to end the block for the parser, dropping every line after them.
    const broken = flow('say (1)) )', 'then x', 'goto next', 'queue "nowhere" a b c', 'hangup');
    expect(problems(broken)).toEqual([
      "CF101 2:10 expected end of line after ')', found ')'",
      "CF101 3:3 expected a statement or clause, found 'then'",
      "CF101 5:19 expected end of line after '\"nowhere\"', found 'a'",
    ]);
    const declaration = parse(broken).document.declarations[0];
    expect(declaration?.kind === 'Flow' && declaration.body.map((s) => s.kind)).toEqual([
      'Say',
      'Goto',
      'Queue',
      'Hangup',
    ]);
    // A name missing at the end of a line is never taken from the next line.
    const steps = flow('goto', 'x.y(1)', 'step s', '  hangup');
    expect(problems(steps)).toEqual(["CF101 2:7 expected a step name after 'goto', found end of line"]);
  });

  it('never throws, whatever the input', () => {
    for (const input of [
      '',
      '\n\n',
      '"',
      '{',
      'flow',
      'flow "x"\n    \tsay',
      '}}}',
      'js {',
      '\u0000\uffff\ud800',
    ]) {
      expect(() => parse(input)).not.toThrow();
    }
  });
});

describe('ranges', () => {
  const source = [
    'flow "t"',
    '  menu main retries 3',
    '    on 1 -> goto balance',
    '  step balance',
    '    if a',
    '      hangup',
    '    else',
    '      say "x"',
    '',
  ].join('\n');
  const declaration = parse(source).document.declarations[0];
  if (declaration?.kind !== 'Flow') throw new Error('no flow');

  it('a statement with children spans its children; a Name exactly its identifier', () => {
    const menu = declaration.body[0]!;
    expect(textOf(source, menu.range)).toBe('menu main retries 3\n    on 1 -> goto balance');
    if (menu.kind !== 'Menu') throw new Error('menu');
    expect(textOf(source, menu.name.range)).toBe('main');
    const choice = menu.choices[0]!;
    expect(textOf(source, choice.range)).toBe('on 1 -> goto balance');
    expect(textOf(source, choice.body.range)).toBe('-> goto balance');
    const target = choice.body.body[0]!;
    expect(target.kind === 'Goto' && textOf(source, target.target.range)).toBe('balance');
  });

  it('an if spans its else; a step spans its body; the flow spans everything', () => {
    const step = declaration.steps[0]!;
    expect(textOf(source, step.range)).toBe('step balance\n    if a\n      hangup\n    else\n      say "x"');
    expect(textOf(source, step.body[0]!.range)).toBe('if a\n      hangup\n    else\n      say "x"');
    expect(textOf(source, declaration.range)).toBe(source.trimEnd());
  });

  it('a diagnostic at the end of a line points just after its last token', () => {
    const [d] = parse('flow "t"\n  goto   \n').diagnostics;
    expect(d && [d.range.start.line, d.range.start.column, d.range.end.column]).toEqual([2, 7, 7]);
  });
});

describe('messages', () => {
  it('every syntax message has English and Russian text with the same placeholders', () => {
    for (const [key, { en, ru }] of Object.entries(syntaxMessages)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ru), key).toEqual(names(en));
      expect(en.length * ru.length, key).toBeGreaterThan(0);
    }
  });
});
