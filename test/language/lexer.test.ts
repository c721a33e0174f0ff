import { describe, expect, it } from 'vitest';
import { type CfToken, tokenize } from '../../language/lexer.ts';

/** Token names (virtual layout tokens included) with images where useful. */
function kinds(source: string): string[] {
  return tokenize(source).tokens.map((t) => {
    const name = t.tokenType.name;
    if (name === 'Newline' || name === 'Indent' || name === 'Outdent') return name;
    return `${name.replace(/^Kw_/, 'kw:')}(${t.image})`;
  });
}

const codes = (source: string) =>
  tokenize(source).diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}`);

describe('layout: indentation becomes Newline / Indent / Outdent', () => {
  it('emits Indent and Outdent around a nested block and a Newline after every line', () => {
    expect(kinds('menu m\n  on 1 -> hangup\nhangup\n')).toEqual([
      'kw:menu(menu)',
      'Identifier(m)',
      'Newline',
      'Indent',
      'kw:on(on)',
      'NumberLiteral(1)',
      'Arrow(->)',
      'kw:hangup(hangup)',
      'Newline',
      'Outdent',
      'kw:hangup(hangup)',
      'Newline',
    ]);
  });

  it('closes every open block at the end of the file', () => {
    const names = kinds('a\n  b\n    c').filter((k) => k === 'Outdent' || k === 'Indent');
    expect(names).toEqual(['Indent', 'Indent', 'Outdent', 'Outdent']);
  });

  it('accepts any consistent indentation width', () => {
    expect(kinds('a\n    b\n        c\n    d\n')).toEqual(kinds('a\n  b\n    c\n  d\n'));
  });

  it('ignores blank and comment-only lines, whatever their indentation', () => {
    expect(kinds('a\n\n      // note\n  b\n')).toEqual(kinds('a\n  b\n'));
  });

  it('treats \\r\\n and \\r like \\n', () => {
    expect(kinds('a\r\n  b\r\nc')).toEqual(kinds('a\n  b\nc'));
    expect(kinds('a\r  b\rc')).toEqual(kinds('a\n  b\nc'));
  });

  it('reports a dedent that matches no enclosing block (CF102) and keeps going', () => {
    const source = 'a\n    b\n  c\nd\n';
    expect(codes(source)).toEqual(['CF102 3:1']);
    expect(kinds(source).at(-1)).toBe('Newline');
  });

  it('reports indentation of the first line (CF102)', () => {
    expect(codes('  flow "x"\n')).toEqual(['CF102 1:1']);
  });

  it('does not count a byte-order mark as indentation', () => {
    expect(codes('\ufeffflow "x"\n  hangup\n')).toEqual([]);
  });

  it('reports a tab in indentation (CF103) at the tab', () => {
    expect(codes('a\n\tb\n')).toContain('CF103 2:1');
  });
});

describe('comments', () => {
  it('runs from // to the end of the line and is collected apart from the tokens', () => {
    const { tokens, comments } = tokenize('say "a" // «привет» # 1\n// whole line\n');
    expect(tokens.map((t) => t.image).filter((i) => i !== '')).toEqual(['say', '"a"']);
    expect(comments.map((c) => c.image)).toEqual(['// «привет» # 1', '// whole line']);
  });

  it('leaves # free as a key', () => {
    expect(kinds('on #')).toEqual(['kw:on(on)', 'Hash(#)', 'Newline']);
  });
});

describe('strings', () => {
  const value = (source: string) => (tokenize(source).tokens[0] as CfToken).value;

  it('keeps Unicode and typographic quotes as they are', () => {
    expect(value('"Добрый день, «АВС» “Интернет”"')).toBe('Добрый день, «АВС» “Интернет”');
  });

  it('unescapes \\" \\\\ \\{ \\} \\n and keeps other backslashes', () => {
    expect(value(String.raw`"a\"b\\c\{d\}e\nf\dg"`)).toBe('a"b\\c{d}e\nf\\dg');
  });

  it('reports an unterminated string (CF104) and keeps the text up to the line end', () => {
    const { tokens, diagnostics } = tokenize('say "abc\nhangup');
    expect(diagnostics.map((d) => `${d.code} ${d.range.start.column}-${d.range.end.column}`)).toEqual([
      'CF104 5-9',
    ]);
    expect((tokens[1] as CfToken).value).toBe('abc');
    expect(tokens.map((t) => t.image)).toContain('hangup');
  });

  it('keeps a matching pattern raw: braces and backslashes reach the regular expression', () => {
    const { tokens } = tokenize(String.raw`matching "^\d{4}$"`);
    expect(tokens[1]!.tokenType.name).toBe('StringLiteral');
    expect((tokens[1] as CfToken).value).toBe(String.raw`^\d{4}$`);
  });
});

describe('templates', () => {
  it('splits "text {expr} text" into head, expression tokens and tail', () => {
    expect(kinds('"На счету {money(a.b, "UAH")} грн."')).toEqual([
      'TemplateHead("На счету {)',
      'Identifier(money)',
      'LParen(()',
      'Identifier(a)',
      'Dot(.)',
      'Identifier(b)',
      'Comma(,)',
      'StringLiteral("UAH")',
      'RParen())',
      'TemplateTail(} грн.")',
      'Newline',
    ]);
  });

  it('gives interpolated tokens their real positions in the line', () => {
    const source = 'say "x {ewt} y"';
    const ewt = tokenize(source).tokens.find((t) => t.image === 'ewt')!;
    expect([ewt.startOffset, ewt.startColumn, source.slice(ewt.startOffset, ewt.endOffset! + 1)]).toEqual([
      8,
      9,
      'ewt',
    ]);
  });

  it('uses middles between several holes and carries unescaped text values', () => {
    const tokens = tokenize(String.raw`"\{{a}\"{b}!"`).tokens as CfToken[];
    expect(
      tokens.filter((t) => t.tokenType.name.startsWith('Template')).map((t) => [t.tokenType.name, t.value]),
    ).toEqual([
      ['TemplateHead', '{'],
      ['TemplateMiddle', '"'],
      ['TemplateTail', '!'],
    ]);
  });

  it('reports an unclosed { and keeps the string', () => {
    const { tokens, diagnostics } = tokenize('say "a { b"');
    expect(diagnostics.map((d) => `${d.code} ${d.range.start.column}`)).toEqual(['CF101 8']);
    expect((tokens[1] as CfToken).value).toBe('a { b');
  });
});

describe('numbers, durations and names', () => {
  it('reads numbers, ranges and durations in every unit', () => {
    expect(kinds('3 0.5 50.00 4..12 500ms 5s 2m 1h 1.5s')).toEqual([
      'NumberLiteral(3)',
      'NumberLiteral(0.5)',
      'NumberLiteral(50.00)',
      'NumberLiteral(4)',
      'DotDot(..)',
      'NumberLiteral(12)',
      'Duration(500ms)',
      'Duration(5s)',
      'Duration(2m)',
      'Duration(1h)',
      'Duration(1.5s)',
      'Newline',
    ]);
  });

  it('does not read the start of a word as a duration unit', () => {
    expect(kinds('5sec')).toEqual(['NumberLiteral(5)', 'Identifier(sec)', 'Newline']);
  });

  it('reads keywords as whole words only (interdigit is not in + terdigit, numbers is a name)', () => {
    expect(kinds('interdigit numbers nothing on')).toEqual([
      'kw:interdigit(interdigit)',
      'Identifier(numbers)',
      'Identifier(nothing)',
      'kw:on(on)',
      'Newline',
    ]);
  });

  it('accepts Cyrillic names', () => {
    expect(kinds('let сумма = 1')[1]).toBe('Identifier(сумма)');
  });

  it('reports an unexpected character (CF100) and lexes the rest', () => {
    const { tokens, diagnostics } = tokenize('say @ "a"');
    expect(diagnostics.map((d) => `${d.code} ${d.range.start.column} ${d.message}`)).toEqual([
      "CF100 5 unexpected character '@'",
    ]);
    expect(tokens.map((t) => t.image)).toContain('"a"');
  });
});

describe('js blocks', () => {
  it('takes balanced braces, skipping braces inside JavaScript strings and comments, across lines', () => {
    const source = 'let x = js { ({a: "}"}).a + /* } */ 1\n  } + 2';
    const js = tokenize(source).tokens.find((t) => t.tokenType.name === 'JsBlock') as CfToken;
    expect(js.value).toBe(' ({a: "}"}).a + /* } */ 1\n  ');
    expect([js.endLine, js.endColumn]).toEqual([2, 3]);
    expect(kinds(source).slice(-3)).toEqual(['Plus(+)', 'NumberLiteral(2)', 'Newline']);
  });

  it('does not start an indented block after a js block that spans lines', () => {
    expect(kinds('js {\n    a\n}\nhangup').filter((k) => k === 'Indent')).toEqual([]);
  });

  it('reports braces that never close (CF105) and stops at the line end', () => {
    const { tokens, diagnostics } = tokenize('js { a(\nhangup');
    expect(diagnostics.map((d) => d.code)).toEqual(['CF105']);
    expect(tokens.map((t) => t.image)).toContain('hangup');
  });

  it('leaves a plain `js` name alone', () => {
    expect(kinds('js.x')[0]).toBe('Identifier(js)');
  });
});
