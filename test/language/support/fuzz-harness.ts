/**
 * The fuzz harness: random and mutated sources (the example flows, the docs' examples and a
 * generated flow, mutated by deleting, inserting and duplicating characters and lines; token soup;
 * random text; valid lines in random order) run through pipelines. For every case: nothing throws,
 * nothing hangs (well under a second: a hang detector, not a benchmark), every diagnostic has a range
 * inside the source, and no internal error (CF199/CF000) is reported.
 * FUZZ_SEED=<n> and FUZZ_SCALE=<k> (k× the runs) explore beyond the fixed, reproducible default.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../language/diagnostic.ts';
import type { SourceRange } from '../../../language/source-range.ts';
import { generateFlow } from '../../bench/generate-flow.ts';

export type Pipeline = (source: string) => Diagnostic[];

const root = resolve(import.meta.dirname, '../../..');
const seedOffset = Number(process.env.FUZZ_SEED ?? 0);
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (numRuns: number, seed: number) => ({ numRuns: numRuns * scale, seed: seed + seedOffset });

function flowsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

function docBlocks(): string[] {
  const path = join(root, 'docs/language.md');
  if (!existsSync(path)) return [];
  return [...readFileSync(path, 'utf8').matchAll(/```callflow\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const seeds = [...flowsIn(join(root, 'examples')), ...docBlocks(), generateFlow(60)];

/** Offsets where each line starts, as the lexer counts lines (\n, \r\n and \r end a line). */
const lineStartsCache = new Map<string, number[]>();
function lineStarts(source: string): number[] {
  let starts = lineStartsCache.get(source);
  if (starts === undefined) {
    starts = [0];
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) starts.push(i + 1);
    }
    lineStartsCache.clear();
    lineStartsCache.set(source, starts);
  }
  return starts;
}

function positionAt(source: string, offset: number): { line: number; column: number } {
  const starts = lineStarts(source);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

export function expectValidRange(source: string, range: SourceRange, what: string): void {
  const { start, end } = range;
  const ok =
    Number.isInteger(start.offset) &&
    Number.isInteger(end.offset) &&
    start.offset >= 0 &&
    start.offset <= end.offset &&
    end.offset <= source.length;
  if (ok) {
    const s = positionAt(source, start.offset);
    const e = positionAt(source, end.offset);
    if (s.line === start.line && s.column === start.column && e.line === end.line && e.column === end.column)
      return;
  }
  expect.fail(`${what}: invalid range ${JSON.stringify(range)} in:\n${source}`);
}

/** Pipelines run once already: a process's first run pays for loading and compiling the code. */
const warmed = new WeakSet<Pipeline>();

function runAll(pipelines: Record<string, Pipeline>, source: string): void {
  for (const [name, run] of Object.entries(pipelines)) {
    // The first case runs twice and the second run is timed: the cases are deterministic, so a slow
    // case is still caught, while the one-time start-up cost is not charged to it.
    if (!warmed.has(run)) {
      warmed.add(run);
      run(source);
    }
    const started = performance.now();
    const diagnostics = run(source);
    expect(performance.now() - started, `${name} took too long on:\n${source}`).toBeLessThan(1000);
    for (const d of diagnostics) {
      expect(['CF199', 'CF000'], `${name}: ${d.message}\n${source}`).not.toContain(d.code);
      expect(d.message.length).toBeGreaterThan(0);
      expectValidRange(source, d.range, `${name} ${d.code}`);
    }
  }
}

type Mutation =
  | { kind: 'deleteChar' | 'duplicateChar'; at: number; length: number }
  | { kind: 'insertChar'; at: number; text: string }
  | { kind: 'deleteLine' | 'duplicateLine'; at: number }
  | { kind: 'moveLine'; at: number; to: number };

const SNIPPETS = [
  '"',
  '{',
  '}',
  '(',
  ')',
  '->',
  '..',
  '\t',
  '  ',
  '\n',
  '\r\n',
  '//',
  'js {',
  'я',
  '«',
  '#',
  '\\',
  ' on ',
  'else',
  'if ',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('deleteChar', 'duplicateChar'),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('insertChar' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 3, unit: 'binary' })),
  }),
  fc.record({ kind: fc.constantFrom('deleteLine', 'duplicateLine'), at: fc.nat() }),
  fc.record({ kind: fc.constant('moveLine' as const), at: fc.nat(), to: fc.nat() }),
) as fc.Arbitrary<Mutation>;

function mutate(source: string, mutations: Mutation[]): string {
  let text = source;
  for (const m of mutations) {
    const at = text.length === 0 ? 0 : m.at % text.length;
    if (m.kind === 'deleteChar') text = text.slice(0, at) + text.slice(at + m.length);
    else if (m.kind === 'duplicateChar') text = text.slice(0, at + m.length) + text.slice(at);
    else if (m.kind === 'insertChar') text = text.slice(0, at) + m.text + text.slice(at);
    else {
      const lines = text.split('\n');
      const line = m.at % lines.length;
      const [taken] = lines.splice(line, m.kind === 'duplicateLine' ? 0 : 1);
      if (m.kind === 'duplicateLine') lines.splice(line, 0, lines[line] ?? '');
      if (m.kind === 'moveLine') lines.splice(m.to % (lines.length + 1), 0, taken ?? '');
      text = lines.join('\n');
    }
  }
  return text;
}

const VOCABULARY = [
  ...'flow survey subflow step say play menu prompt on after retries timeout ask secret digits until interdigit matching let set if else goto retry at most times then repeat queue priority skills max wait announce every music overflow transfer to extension number record call hangup log return within and or not is none true false in question yesno choice text option yes no invalid error'.split(
    ' ',
  ),
  'x',
  'account',
  'billing',
  'money',
  'a1',
  '"text"',
  '"a {x} b"',
  '"{money(a.b, "UAH")}"',
  '3',
  '0.5',
  '5s',
  '500ms',
  'js { 1 + 1 }',
  '->',
  '..',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '?',
  ':',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '#',
  '// note',
  '\n',
  '\n  ',
  '\n    ',
  '\n\t',
];

const tokenSoup = fc
  .array(fc.constantFrom(...VOCABULARY), { maxLength: 60 })
  .map((tokens) => tokens.join(' '));

/**
 * Registers the fuzz cases for `pipelines` (each: source in, diagnostics out): 11,000 sources, more
 * with FUZZ_SCALE; each pipeline may also assert its own properties inside.
 */
export function describeFuzz(title: string, pipelines: Record<string, Pipeline>): void {
  describe(title, () => {
    it('mutated example flows (4,000 cases)', () => {
      expect(seeds.length).toBeGreaterThanOrEqual(4);
      fc.assert(
        fc.property(
          fc.nat(seeds.length - 1),
          fc.array(mutation, { minLength: 1, maxLength: 5 }),
          (seed, mutations) => {
            runAll(pipelines, mutate(seeds[seed]!, mutations));
          },
        ),
        runs(4000, 1_001),
      );
    }, 180_000);

    it('token soup (3,000 cases)', () => {
      fc.assert(
        fc.property(tokenSoup, (source) => runAll(pipelines, source)),
        runs(3000, 2_002),
      );
    }, 180_000);

    it('random text, including control characters and surrogates (3,000 cases)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (source) => runAll(pipelines, source)),
        runs(3000, 3_003),
      );
    }, 180_000);

    it('lines of valid statements in random order and indentation (1,000 cases)', () => {
      const lines = seeds.flatMap((s) => s.split('\n')).map((l) => l.trim());
      const line = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(...lines));
      fc.assert(
        fc.property(fc.array(line, { maxLength: 25 }), (picked) => {
          runAll(pipelines, picked.map(([indent, text]) => '  '.repeat(indent) + text).join('\n'));
        }),
        runs(1000, 4_004),
      );
    }, 180_000);
  });
}
