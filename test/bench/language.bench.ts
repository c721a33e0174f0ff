/**
 * `npm run bench -- language`
 * Parse, check and compile a generated 10,000-line flow; baseline in the same run: JSON.parse + zod
 * validation of the same flow's AST as JSON (what a JSON flow format pays just to load a flow).
 * Also: re-checking a 1,000-line flow after a one-character edit (runs on every keystroke), as the
 * editor does it (LanguageService, incremental) and from scratch.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { analyze } from '../../language/analyze.ts';
import { check } from '../../language/check.ts';
import { compile } from '../../language/compile.ts';
import { parse } from '../../language/parse.ts';
import { LanguageService } from '../../language/services/language-service.ts';
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

  // Compiled as every caller compiles (deploy, CLI, simulator): with the source, which goes into
  // the source map and is hashed into the flow id. Without it the compiler hashes the AST's JSON
  // instead (6 MiB here); that figure is printed too.
  const tParse = median(() => parse(source), runs);
  const tCheck = median(() => check(parsed.document, workspace), runs);
  const tCompile = median(() => compile(parsed.document, workspace, { source }), runs);
  const tCompileNoSource = median(() => compile(parsed.document, workspace), 5, 1);
  const tTotal = median(() => {
    const a = analyze(source, workspace);
    compile(a.document, workspace, { source });
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
    `  (without the source: ${fmt(tCompileNoSource)}, of which hashing the AST's JSON is the difference)`,
  );
  console.log(
    `total            ${fmt(tTotal).padStart(11)}  ${rate(lines, tTotal)}  (parse + check + compile)`,
  );
  console.log(
    `baseline         ${fmt(tBaseline).padStart(11)}  ${rate(lines, tBaseline)}  (JSON.parse + zod validate of the AST)`,
  );
  console.log(`ratio total/baseline: ${(tTotal / tBaseline).toFixed(2)}x  (target <= 3x)`);

  // Keystroke: a 1,000-line flow, one character changed in the middle (alternating two versions so
  // no cache can return the previous answer), parse + check. The editor (the studio's language worker)
  // runs LanguageService: one incremental parser per document, which reads again only the edited
  // lines. Shown too: the same through `analyze` from scratch, and a typed character (the text grows
  // by one, so every line after the edit moves: a copy of its nodes at their new positions).
  const small = generateFlow(1_000);
  const at = small.indexOf('Шаг 30.');
  const edits = [small, `${small.slice(0, at)}Шаг 31.${small.slice(at + 7)}`];
  const typed = [small, `${small.slice(0, at)}Шаг 3x0.${small.slice(at + 7)}`];
  const top = small.indexOf('Шаг 0.');
  const typedAtTop = [small, `${small.slice(0, top)}Шаг x0.${small.slice(top + 6)}`];
  const service = new LanguageService({ workspace });
  let version = 0;
  const keystroke = (texts: string[]) => () => {
    version++;
    service.update('file:///bench.flow', version, texts[version % 2]!);
    service.diagnostics('file:///bench.flow');
  };
  const tKey = median(keystroke(edits), 41, 5);
  const tKeyTyped = median(keystroke(typed), 41, 5);
  const tKeyTypedAtTop = median(keystroke(typedAtTop), 41, 5);
  let n = 0;
  const tKeyScratch = median(() => analyze(edits[n++ % 2]!, workspace), 41, 5);
  const tKeyBaseline = median(
    () => documentSchema.parse(JSON.parse(JSON.stringify(parse(small).document))),
    21,
  );
  console.log(
    `re-check 1,000 lines after a 1-char edit: median ${fmt(tKey)}  (target < 10 ms; JSON+zod of the same AST ${fmt(tKeyBaseline)})`,
  );
  console.log(`  a typed character (text one longer):   median ${fmt(tKeyTyped)}`);
  console.log(`  typed on line 12 (988 lines move):     median ${fmt(tKeyTypedAtTop)}`);
  console.log(`  from scratch (analyze, no reuse):      median ${fmt(tKeyScratch)}`);
  console.log(`load: ${loadAverage()}`);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
