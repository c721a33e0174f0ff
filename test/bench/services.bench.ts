/**
 * `npm run bench -- services`
 * Editor services on a generated 1,000-line flow: completion at four kinds of position, from scratch
 * (`complete(source, …)`, parse included) and through `LanguageService` (the parse cached per
 * version, as the Monaco worker runs it). Baseline in the same run: `parse` of the same text, the
 * least any keystroke costs. Hover and the outline are measured the same way.
 */
import { parse } from '../../language/parse.ts';
import { complete, hover, LanguageService } from '../../language/services/index.ts';
import { workspace } from '../language/services/fixture-workspace.ts';
import { generateFlow } from './generate-flow.ts';
import { median } from './timing.ts';

/** The flow with `text` typed on a new line after line `after`; the cursor at its end. */
function typing(flow: string, after: number, text: string): { source: string; offset: number } {
  const rows = flow.split('\n');
  rows.splice(after, 0, text);
  const source = rows.join('\n');
  const offset = rows.slice(0, after).join('\n').length + 1 + text.length;
  return { source, offset };
}

export async function run(): Promise<void> {
  const flow = generateFlow(1_000);
  const runs = 31;
  // Warm the parser and the services up before the first timing, so the baseline is not the cold one.
  medianOf(() => complete(flow, flow.length, workspace), 20);
  console.log(`flow: 1,000 lines, ${(flow.length / 1024).toFixed(0)} KiB`);

  const cases: [string, { source: string; offset: number }][] = [
    ['goto (step names)', typing(flow, 500, '    goto ')],
    ['if (expression, ~60 variables)', typing(flow, 900, '    if ')],
    ['start of a line in a step', typing(flow, 700, '    ')],
    ['member of a data result', typing(flow, 900, '    say "{account20.')],
  ];
  for (const [name, { source, offset }] of cases) {
    const count = complete(source, offset, workspace).length;
    const tParse = medianOf(() => parse(source), runs);
    const tFresh = medianOf(() => complete(source, offset, workspace), runs);
    const service = new LanguageService({ workspace });
    service.update('bench', 1, source);
    service.complete('bench', offset);
    const tCached = medianOf(() => service.complete('bench', offset), runs);
    console.log(
      `complete ${name.padEnd(32)} ${String(count).padStart(3)} items  parse ${tParse.toFixed(2)} ms  ` +
        `fresh ${tFresh.toFixed(2)} ms (${(tFresh / tParse).toFixed(2)}x)  cached ${tCached.toFixed(3)} ms (${(tCached / tParse).toFixed(3)}x)`,
    );
  }

  const at = flow.indexOf('billing.balance(contract20') + 'billing.bal'.length;
  const service = new LanguageService({ workspace });
  service.update('bench', 1, flow);
  if (!service.hover('bench', at)?.contents.includes('billing.balance('))
    throw new Error('hover missed the operation');
  const tHoverFresh = medianOf(() => hover(flow, at, workspace), runs);
  const tHover = medianOf(() => service.hover('bench', at), runs);
  const tSymbols = medianOf(() => service.documentSymbols('bench'), runs);
  console.log(
    `hover on a data operation: fresh ${tHoverFresh.toFixed(2)} ms, cached ${tHover.toFixed(3)} ms`,
  );
  console.log(`outline (cached parse): ${tSymbols.toFixed(2)} ms`);
}

function medianOf(fn: () => void, runs: number, warmup = 5): number {
  return median(fn, runs, warmup);
}
