/**
 * `npm run bench -- language`
 * Parse, check and compile a generated 10,000-line flow; baseline in the same run: JSON.parse + zod
 * validation of the same flow's AST as JSON (what a JSON flow format pays just to load a flow).
 * Also: re-checking a 1,000-line flow after a one-character edit (runs on every keystroke).
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../../language/analyze.ts';
import { check } from '../../language/check.ts';
import { compile } from '../../language/compile.ts';
import { parse } from '../../language/parse.ts';
import { parseWorkspace, type Workspace } from '../../language/workspace.ts';
import { documentSchema } from './ast-json-schema.ts';
import { generateFlow } from './generate-flow.ts';
import { median } from './timing.ts';

function loadWorkspace(): Workspace {
  const result = parseWorkspace(
    JSON.parse(readFileSync('examples/abc-internet/callflow.workspace.json', 'utf8')),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.workspace;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const rate = (lines: number, ms: number) => `${Math.round((lines / ms) * 1000).toLocaleString('en')} lines/s`;

export async function run(): Promise<void> {
  const workspace = loadWorkspace();
  const lines = 10_000;
  const source = generateFlow(lines);
  const parsed = parse(source);
  const errors = [...parsed.diagnostics, ...check(parsed.document, workspace)].filter(
    (d) => d.severity === 'error',
  );
  if (errors.length > 0) throw new Error(`generated flow has errors: ${errors[0].code} ${errors[0].message}`);
  const runs = 15;

  const tParse = median(() => parse(source), runs);
  const tCheck = median(() => check(parsed.document, workspace), runs);
  const tCompile = median(() => compile(parsed.document, workspace), runs);
  const tTotal = median(() => {
    const a = analyze(source, workspace);
    compile(a.document, workspace);
  }, runs);

  const json = JSON.stringify(parsed.document);
  const tBaseline = median(() => documentSchema.parse(JSON.parse(json)), runs);

  console.log(
    `flow: ${lines.toLocaleString('en')} lines, ${(source.length / 1024).toFixed(0)} KiB source, AST JSON ${(json.length / 1024 / 1024).toFixed(1)} MiB`,
  );
  console.log(`parse            ${fmt(tParse).padStart(11)}  ${rate(lines, tParse)}`);
  console.log(`check            ${fmt(tCheck).padStart(11)}  ${rate(lines, tCheck)}`);
  console.log(`compile          ${fmt(tCompile).padStart(11)}  ${rate(lines, tCompile)}`);
  console.log(
    `total            ${fmt(tTotal).padStart(11)}  ${rate(lines, tTotal)}  (parse + check + compile)`,
  );
  console.log(
    `baseline         ${fmt(tBaseline).padStart(11)}  ${rate(lines, tBaseline)}  (JSON.parse + zod validate of the AST)`,
  );
  console.log(`ratio total/baseline: ${(tTotal / tBaseline).toFixed(2)}x  (target <= 3x)`);

  // Keystroke: a 1,000-line flow, one character changed in the middle (alternating two edits so no
  // cache can return the previous answer), parse + check.
  const small = generateFlow(1_000);
  const at = small.indexOf('Шаг 30.');
  const edits = [small, `${small.slice(0, at)}Шаг 31.${small.slice(at + 7)}`];
  let n = 0;
  const tKey = median(() => analyze(edits[n++ % 2], workspace), 41, 5);
  const tKeyBaseline = median(
    () => documentSchema.parse(JSON.parse(JSON.stringify(parse(small).document))),
    21,
  );
  console.log(
    `re-check 1,000 lines after a 1-char edit: median ${fmt(tKey)}  (target < 10 ms; JSON+zod of the same AST ${fmt(tKeyBaseline)})`,
  );
}
