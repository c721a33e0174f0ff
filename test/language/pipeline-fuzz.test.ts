/**
 * Random edits of valid flows go through parse → check → compile (compile only when the checker
 * finds no error) without an exception, and every compiled script loads in QuickJS. Durations are
 * measured by the benchmark, not asserted here (noisy shared machine).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { getQuickJS } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../language/analyze.ts';
import { compileAll } from '../../language/compile.ts';
import { generateFlow } from '../bench/generate-flow.ts';
import { CALL, CLOCK, TEST_WORKSPACE } from './compile/driver.ts';

const root = resolve(import.meta.dirname, '../..');

function flowsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

// The generator assigns `total` without declaring it; declaring it at its first use keeps the seed valid.
const seeds = [
  generateFlow(120).replace('set total', 'let total'),
  ...flowsIn(join(import.meta.dirname, 'compile/flows')),
  ...flowsIn(join(root, 'examples')),
];

const fragments = [
  'say "x {a.b}"',
  'goto s1',
  'retry s0 at most 2 times, then hangup',
  'repeat',
  'return 1',
  'js { throw new Error("x") }',
  'js { ',
  '}',
  'let a = call f(1)',
  'on 1 -> hangup',
  'after retries -> hangup',
  'menu m',
  'ask secret p = digits 4',
  'queue "general"',
  '"',
  '{',
  '->',
  'if',
  'else',
  '  ',
  '\t',
  '«»',
  'step s0',
  'subflow f(x)',
  'billing.balance(a, b)',
];

type Edit =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'insert'; at: number; text: string; indent: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'char'; at: number; column: number; char: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...fragments),
    indent: fc.integer({ min: 0, max: 8 }),
  }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('char' as const),
    at: fc.nat(),
    column: fc.nat(),
    char: fc.constantFrom('', ' ', '"', '{', '}', '(', ')', ',', '.', '#', 'я', '\\', '0'),
  }),
);

function applyEdits(source: string, edits: Edit[]): string {
  const lines = source.split('\n');
  for (const e of edits) {
    const at = lines.length === 0 ? 0 : e.at % lines.length;
    switch (e.kind) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, lines[at] ?? '');
        break;
      case 'swap': {
        const other = e.other % Math.max(1, lines.length);
        [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
        break;
      }
      case 'insert':
        lines.splice(at, 0, ' '.repeat(e.indent) + e.text);
        break;
      case 'indent': {
        const line = lines[at] ?? '';
        lines[at] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
        break;
      }
      case 'char': {
        const line = lines[at] ?? '';
        const column = line.length === 0 ? 0 : e.column % line.length;
        lines[at] = line.slice(0, column) + e.char + line.slice(column + 1);
        break;
      }
    }
  }
  return lines.join('\n');
}

describe('parse → check → compile on mutated flows', () => {
  it('never throws, and compiles only error-free flows into scripts that load', async () => {
    const quickjs = await getQuickJS();
    let compiled = 0;
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (seed, edits) => {
        const source = applyEdits(seeds[seed], edits);
        const analysis = analyze(source, TEST_WORKSPACE);
        if (analysis.diagnostics.some((d) => d.severity === 'error')) return;
        const flows = compileAll(analysis.document, TEST_WORKSPACE, { source });
        for (const flow of flows) {
          compiled++;
          const ctx = quickjs.newContext();
          try {
            const loaded = ctx.evalCode(flow.code, flow.sourceMap.file);
            if (loaded.error) {
              const error = ctx.dump(loaded.error);
              loaded.error.dispose();
              throw new Error(`compiled script does not load: ${JSON.stringify(error)}\n${source}`);
            }
            loaded.value.dispose();
            // Starting may fail as a flow error (the fallback's job), never as a broken script.
            const init = JSON.stringify({ call: CALL, clock: CLOCK });
            const started = ctx.evalCode(
              `try { globalThis.__flows[${JSON.stringify(flow.meta.id)}].start(${init}); 'ok' } catch (e) { e.name }`,
            );
            const outcome = started.error ? 'host error' : ctx.dump(started.value);
            (started.error ?? started.value).dispose();
            expect(['ok', 'FlowError', 'Error', 'TypeError', 'ReferenceError', 'RangeError']).toContain(
              outcome,
            );
          } finally {
            ctx.dispose();
          }
        }
      }),
      { numRuns: 400, seed: 20_250_106 },
    );
    expect(compiled).toBeGreaterThan(30);
  });
});
