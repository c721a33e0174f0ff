/**
 * `npx tsx test/bench/compile.bench.ts` (or `npm run bench -- compile`)
 * 1. Compiling a generated 10,000-line flow; baseline in the same run: JSON.stringify of its AST
 *    (one plain pass over the same tree).
 * 2. Size of the generated script and source map.
 * 3. Loading the compiled reference flow into a fresh QuickJS context; baseline: a fresh context
 *    evaluating an empty script. Plus the cost of one call's key-3 path once loaded.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { getQuickJS } from 'quickjs-emscripten';
import { analyze } from '../../language/analyze.ts';
import { PRELUDE_SOURCE } from '../../language/compile/prelude.ts';
import { compile } from '../../language/compile.ts';
import { CALL, CLOCK, compileChecked, TEST_WORKSPACE } from '../language/compile/driver.ts';
import { generateFlow } from './generate-flow.ts';
import { timeRuns } from './timing.ts';

/** Median of `runs` timings (ms) of `fn`; `fastest` is kept for noisy machines. */
function median(fn: () => void, runs: number, warmup = 3): number {
  const timing = timeRuns(fn, runs, warmup);
  fastest = timing.fastest;
  return timing.median;
}
let fastest = 0;

const ms = (t: number) => `${t.toFixed(2)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function run(): Promise<void> {
  // The generator assigns `total` without declaring it; declaring it at its first use keeps the
  // flow error-free (and exactly 10,000 lines).
  const source = generateFlow(10_000).replace('set total', 'let total');
  const analysis = analyze(source, TEST_WORKSPACE);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated flow has errors: ${errors[0].code} ${errors[0].message}`);

  const tCompile = median(() => compile(analysis.document, TEST_WORKSPACE, { source }), 9);
  const tBaseline = median(() => JSON.stringify(analysis.document), 9);
  const big = compile(analysis.document, TEST_WORKSPACE, { source });
  console.log(
    `compile 10,000 lines     ${ms(tCompile).padStart(10)}   baseline JSON.stringify(AST) ${ms(tBaseline)}  ratio ${(tCompile / tBaseline).toFixed(2)}x`,
  );
  console.log(
    `  script ${kib(big.code.length)} (${big.code.split('\n').length.toLocaleString('en')} lines, prelude ${kib(PRELUDE_SOURCE.length)}), ` +
      `source map ${kib(JSON.stringify(big.sourceMap).length)}, flow source ${kib(source.length)}`,
  );

  const reference = compileChecked(
    readFileSync(new URL('../language/compile/flows/reference.flow', import.meta.url), 'utf8'),
  )[0];
  console.log(
    `reference flow script ${kib(reference.code.length)}, source map ${kib(JSON.stringify(reference.sourceMap).length)}`,
  );

  const quickjs = await getQuickJS();
  const load = (code: string) => () => {
    const ctx = quickjs.newContext();
    const result = ctx.evalCode(code, 'flow.js');
    if (result.error) throw new Error('load failed');
    result.value.dispose();
    ctx.dispose();
  };
  const tLoad = median(load(reference.code), 51, 5);
  const tLoadFastest = fastest;
  const tEmpty = median(load(''), 51, 5);
  const tBigLoad = median(load(big.code), 5, 1);
  console.log(
    `fresh context + reference script ${ms(tLoad)} (fastest ${ms(tLoadFastest)})   ` +
      `baseline fresh context + empty script ${ms(tEmpty)}   extra ${ms(tLoad - tEmpty)}`,
  );
  console.log(`fresh context + 10,000-line flow script ${ms(tBigLoad)}`);

  // One call down the key-3 path (start + 6 steps) on an already loaded script, state as JSON text.
  const ctx = quickjs.newContext();
  ctx.evalCode(reference.code, 'flow.js').unwrap().dispose();
  const id = JSON.stringify(reference.meta.id);
  ctx
    .evalCode(
      `globalThis.__path = function (init, inputs) {
        var f = globalThis.__flows[${id}], r = f.start(init), text = JSON.stringify(r.state);
        for (var i = 0; i < inputs.length; i++) { r = f.step(JSON.parse(text), inputs[i]); text = JSON.stringify(r.state); }
        return r.command.type;
      };`,
    )
    .unwrap()
    .dispose();
  const inputs = [
    { type: 'played' },
    { type: 'digits', digits: '3', terminated: false },
    { type: 'digits', digits: '123456', terminated: true },
    { type: 'digits', digits: '', secret: { $secret: 'r' }, terminated: true },
    { type: 'data', ok: true, value: { balance: 50, currency: 'UAH' } },
    { type: 'played' },
  ].map((i) => ({ ...i, clock: CLOCK }));
  const call = `__path(${JSON.stringify({ call: CALL, clock: CLOCK })}, ${JSON.stringify(inputs)})`;
  const tPath = median(() => ctx.evalCode(call).unwrap().dispose(), 201, 20);
  console.log(
    `key-3 call path (start + 6 steps, JSON state between steps) ${ms(tPath)}  = ${((tPath / 7) * 1000).toFixed(0)} µs per step`,
  );
  ctx.dispose();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
