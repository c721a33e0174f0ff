import { describe, expect, it } from 'vitest';
import { format } from '../../language/format.ts';
import { parse } from '../../language/parse.ts';
import { generateFlow } from '../bench/generate-flow.ts';
import { withoutRanges } from './support/without-ranges.ts';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function formatted(source: string): string {
  const { text, diagnostics } = format(source);
  expect(diagnostics).toEqual([]);
  return text!;
}

describe('canonical layout (golden)', () => {
  it('normalizes indentation, spacing, clause order and quotes; keeps comments, numbers and blank lines', () => {
    const messy = lines(
      '// Support line',
      'flow   "Поддержка"    // the name callers never hear',
      '    answers "0800300400","+380441234567"',
      '    language ru',
      '',
      '',
      '',
      '    say "Добрый день, «АВС»",   "баланс {money( a.b , "UAH" )}"',
      '    // the main menu',
      '    menu main   timeout 5s retries 3',
      '        on 1,#->goto balance   // keys',
      '        prompt "Нажмите 1"',
      '        on timeout , invalid -> repeat',
      '        after retries',
      '            queue "general" priority (vip?10:0) max wait 10m skills "a","b"',
      '                announce "ждите {ewt}" every 30s',
      '    step balance',
      '        ask secret pin = digits 4 until "#" matching "^\\d{4}$" timeout 5s',
      '        let a = billing.balance( c, pin )',
      '            on error',
      '                queue "general"',
      '        if a is not none and  not x == 50.00 // money',
      '            retry balance at most 3 times then queue "general"',
      '        else if a',
      '            say "ok" + 1 * (2 - 3)',
      '        else   // otherwise',
      '            say "\\{literal\\} \\"quoted\\""',
      '        hangup',
      'subflow greet(name,b)',
      '    return',
    );
    expect(formatted(messy)).toBe(
      lines(
        '// Support line',
        'flow "Поддержка" // the name callers never hear',
        '  answers "0800300400", "+380441234567"',
        '  language ru',
        '',
        '  say "Добрый день, «АВС»", "баланс {money(a.b, "UAH")}"',
        '  // the main menu',
        '  menu main retries 3 timeout 5s',
        '    prompt "Нажмите 1"',
        '    on 1, # -> goto balance // keys',
        '    on timeout, invalid -> repeat',
        '    after retries',
        '      queue "general" priority (vip ? 10 : 0) skills "a", "b" max wait 10m',
        '        announce "ждите {ewt}" every 30s',
        '',
        '  step balance',
        '    ask secret pin = digits 4 until "#" timeout 5s matching "^\\d{4}$"',
        '    let a = billing.balance(c, pin)',
        '      on error',
        '        queue "general"',
        '    if a is not none and not x == 50.00 // money',
        '      retry balance at most 3 times, then queue "general"',
        '    else if a',
        '      say "ok" + 1 * (2 - 3)',
        '    else // otherwise',
        '      say "\\{literal\\} \\"quoted\\""',
        '    hangup',
        '',
        'subflow greet(name, b)',
        '  return',
      ),
    );
  });

  it('puts one blank line before each step, above the comments that belong to it', () => {
    expect(formatted(lines('flow "t"', '  hangup', '  // about s', '  step s', '    hangup'))).toBe(
      lines('flow "t"', '  hangup', '', '  // about s', '  step s', '    hangup'),
    );
  });

  it('keeps a comment that closed a block at that block’s depth', () => {
    expect(formatted(lines('flow "t"', '  if a', '    hangup', '    // end of if', '  hangup'))).toBe(
      lines('flow "t"', '  if a', '    hangup', '    // end of if', '  hangup'),
    );
  });

  it('keeps comments at the end of the file and drops trailing blank lines', () => {
    expect(formatted('flow "t"\n  hangup\n\n// the end\n\n\n')).toBe('flow "t"\n  hangup\n\n// the end\n');
  });

  it('writes `digits 4..4` and `digits 4` as the author did', () => {
    expect(formatted(lines('flow "t"', '  ask a = digits 4..4', '  ask b = digits 4'))).toBe(
      lines('flow "t"', '  ask a = digits 4..4', '  ask b = digits 4'),
    );
  });

  it('leaves js code untouched', () => {
    const source = lines('flow "t"', '  js {  weird ( spacing ) ;', '        kept }', '  let x = js {1+1}');
    expect(formatted(source)).toBe(source);
  });

  it('formats an empty file to an empty file', () => {
    expect(format('').text).toBe('');
    expect(format('\n\n// only\n').text).toBe('// only\n');
  });
});

describe('refuses to format broken sources', () => {
  it('returns null text and the syntax diagnostics', () => {
    const { text, diagnostics } = format('flow "t"\n  goto\n');
    expect(text).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['CF101']);
  });
});

describe('idempotent and meaning-preserving', () => {
  const sources = [
    generateFlow(300),
    lines(
      'flow "t"',
      '  question q "Оцените {who}" number 1..5',
      '    on 1, 2 -> say "мало"',
      '  question c "?" choice',
      '    option 1 "A"',
      '    option 2 "B"',
      '    on 2',
      '      say "B"',
      '  queue "q"',
      '    music "m"',
      '    on overflow',
      '      transfer to number "+380"',
      '  crm.log(caller.number)',
      '    on error -> hangup',
      '  let l = [1, -2, not true, none, 5s, within "cal"]',
      '  set l = a ? b : (c ? d : e)',
      '  log f = call g()',
      '  if x',
      '    if y',
      '      hangup',
      '    else',
      '      hangup',
    ),
  ];

  it.each(sources.map((s, i) => [i, s]))(
    'source %i: format(format(x)) === format(x), same tree',
    (_, source) => {
      const once = formatted(source as string);
      expect(formatted(once)).toBe(once);
      expect(withoutRanges(parse(once).document.declarations)).toEqual(
        withoutRanges(parse(source as string).document.declarations),
      );
    },
  );
});
