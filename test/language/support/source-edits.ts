/**
 * Random edits as a person makes them in an editor, for property tests: typing and deleting
 * characters anywhere (indentation and comments included), splitting and joining lines, inserting,
 * deleting, moving and re-indenting lines, commenting a line out, opening and closing `js {` blocks,
 * line breaks of every kind. Positions are taken modulo the text, so any edit applies to any text.
 */
import fc from 'fast-check';

export type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'splitLine'; line: number; column: number; indent: number }
  | { kind: 'joinLines'; line: number }
  | { kind: 'insertLine'; line: number; indent: number; text: string }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'moveLine'; line: number; to: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'comment'; line: number };

const TYPED = [
  'a',
  'я',
  ' ',
  '  ',
  '\t',
  '"',
  '{',
  '}',
  '(',
  ')',
  '.',
  ',',
  '#',
  '\\',
  '0',
  '7s',
  '->',
  '//',
  '\n',
  '\r\n',
  '\r',
  'js {',
  'js { a }',
  '\ufeff',
  'goto ',
  'on 1 -> ',
  'else',
];

const LINES = [
  'say "x {a.b}"',
  'goto s1',
  'hangup',
  'repeat',
  'retry s0 at most 2 times, then hangup',
  'menu m',
  'on 1 -> hangup',
  'on timeout',
  'after retries -> hangup',
  'prompt "p"',
  'ask secret p = digits 4',
  'if x',
  'else',
  'let a = call f(1)',
  'queue "general"',
  'announce "wait" every 30s',
  'js {',
  '}',
  'js { return 1 }',
  '// a comment',
  'step s0',
  'subflow f(x)',
  'then x',
  'say (1)) )',
  '',
];

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      at: fc.nat(),
      text: fc.constantFrom(...TYPED),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('splitLine' as const),
      line: fc.nat(),
      column: fc.nat(),
      indent: fc.integer({ min: 0, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('joinLines' as const), line: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insertLine' as const),
      line: fc.nat(),
      indent: fc.integer({ min: 0, max: 8 }),
      text: fc.constantFrom(...LINES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('moveLine' as const), line: fc.nat(), to: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('indent' as const),
      line: fc.nat(),
      by: fc.integer({ min: -4, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), line: fc.nat() }) },
);

export function applyEdit(source: string, e: Edit): string {
  if (e.kind === 'type') {
    const at = e.at % (source.length + 1);
    return source.slice(0, at) + e.text + source.slice(at);
  }
  if (e.kind === 'delete') {
    const at = source.length === 0 ? 0 : e.at % source.length;
    return source.slice(0, at) + source.slice(at + e.length);
  }
  const lines = source.split('\n');
  const i = e.line % lines.length;
  const line = lines[i]!;
  switch (e.kind) {
    case 'splitLine': {
      const column = e.column % (line.length + 1);
      lines.splice(i, 1, line.slice(0, column), ' '.repeat(e.indent) + line.slice(column));
      break;
    }
    case 'joinLines':
      if (i + 1 < lines.length) lines.splice(i, 2, line + lines[i + 1]!.trimStart());
      break;
    case 'insertLine':
      lines.splice(i, 0, ' '.repeat(e.indent) + e.text);
      break;
    case 'deleteLine':
      lines.splice(i, 1);
      break;
    case 'moveLine': {
      const [taken] = lines.splice(i, 1);
      lines.splice(e.to % (lines.length + 1), 0, taken!);
      break;
    }
    case 'indent':
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
      break;
    case 'comment': {
      const indent = line.length - line.trimStart().length;
      lines[i] = `${line.slice(0, indent)}// ${line.slice(indent)}`;
      break;
    }
  }
  return lines.join('\n');
}
