/**
 * `npm run bench -- check`
 * The checker on a generated flow: re-checking 1,000 lines after a one-character edit (parse +
 * check, what the editor runs on every keystroke; target < 10 ms median), and the checker alone on
 * 1,000 and 10,000 lines against a baseline measured in the same run: one bare `walk()` over the
 * same AST (the least any whole-document pass costs), so the ratio shows what the checks add.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../../language/analyze.ts';
import { check } from '../../language/check.ts';
import { parse } from '../../language/parse.ts';
import { walk } from '../../language/walk.ts';
import { parseWorkspace, type Workspace } from '../../language/workspace.ts';
import { generateFlow } from './generate-flow.ts';

function loadWorkspace(): Workspace {
  const result = parseWorkspace(
    JSON.parse(readFileSync('examples/abc-internet/callflow.workspace.json', 'utf8')),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.workspace;
}

/** Median time (ms) of `fn`: wall time, or with `cpu` this process's CPU time (steadier on a shared machine). */
function median(fn: () => void, runs: number, options: { warmup?: number; cpu?: boolean } = {}): number {
  for (let i = 0; i < (options.warmup ?? 5); i++) fn();
  const now = options.cpu
    ? () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      }
    : () => performance.now();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const ms = (t: number) => `${t.toFixed(2)} ms`.padStart(10);

export async function run(): Promise<void> {
  const workspace = loadWorkspace();

  const small = generateFlow(1_000);
  const at = small.indexOf('Шаг 30.');
  const edits = [small, `${small.slice(0, at)}Шаг 31.${small.slice(at + 7)}`];
  let n = 0;
  const parsed = parse(small);
  const errors = [...parsed.diagnostics, ...check(parsed.document, workspace)].filter(
    (d) => d.severity === 'error',
  );
  if (errors.length > 0)
    console.log(
      `(the generated flow has ${errors.length} errors, first: ${errors[0].code} ${errors[0].message})`,
    );
  const tKey = median(() => analyze(edits[n++ % 2], workspace), 41);
  const tKeyCpu = median(() => analyze(edits[n++ % 2], workspace), 41, { cpu: true });
  const tKeyParse = median(() => parse(edits[n++ % 2]), 41);
  console.log(
    `re-check 1,000 lines after a 1-char edit: ${ms(tKey)} median wall, ${ms(tKeyCpu).trim()} CPU (parse alone ${ms(tKeyParse).trim()}; target < 10 ms)`,
  );

  for (const lines of [1_000, 10_000]) {
    const document = parse(generateFlow(lines)).document;
    const tCheck = median(() => check(document, workspace), 21);
    const tCheckCpu = median(() => check(document, workspace), 21, { cpu: true });
    const tWalk = median(() => walk(document, () => undefined), 21);
    console.log(
      `check ${lines.toLocaleString('en').padStart(6)} lines: ${ms(tCheck)} (CPU ${ms(tCheckCpu).trim()})   bare walk ${ms(tWalk)}   ratio ${(tCheck / tWalk).toFixed(1)}x`,
    );
  }
}
