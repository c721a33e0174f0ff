/**
 * `npm run bench -- studio`
 * In Chromium: keystroke-to-markers latency of the studio editor on a 1,000-line flow (p50/p99,
 * measured with performance.now in the page, from each key event's timestamp to the first frame
 * after the markers of that text version are set), beside a baseline measured in the same run:
 * the same Monaco setup with no language, where a keystroke settles when the text changes.
 * Also the production bundle sizes: the whole studio, the editor page with the language, and the
 * baseline editor page. Target: p99 under 50 ms added over the baseline.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { parseWorkspace } from '../../language/workspace.ts';
import { STUDIO_VITE_CONFIG } from '../../studio/web/build-studio.ts';
import { launchChromium } from '../studio/support/chromium.ts';
import { serveFolder } from '../studio/support/static-server.ts';
import { generateFlow } from './generate-flow.ts';

const LINES = 1000;
const WARMUP = 20;
const SAMPLES = 200;

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export async function run(): Promise<void> {
  const out = join(tmpdir(), `callflow-studio-bench-${process.pid}`);
  try {
    console.log('building: studio, editor page with the language, baseline editor page…');
    const studio = await buildInto(join(out, 'studio'));
    const language = await buildInto(join(out, 'language'), 'bench/language-page.html');
    const baseline = await buildInto(join(out, 'baseline'), 'bench/baseline-page.html');
    console.log('\nproduction bundles (JS + CSS, workers included; fonts excluded):');
    console.log(`  studio (whole app)            ${mb(studio)}`);
    console.log(
      `  editor + callflow language    ${mb(language)}  (+${mb(language - baseline)} over the baseline)`,
    );
    console.log(`  baseline: editor, no language ${mb(baseline)}`);

    const source = generateFlow(LINES);
    const workspace = loadWorkspace();
    // Each build is its own site (its asset paths start at /).
    const servers = {
      baseline: await serveFolder(join(out, 'baseline')),
      language: await serveFolder(join(out, 'language')),
    };
    const browser = await launchChromium();
    try {
      // Alternate the two pages so machine noise hits both alike.
      const runs: Record<'baseline' | 'language', number[]> = { baseline: [], language: [] };
      const worker: number[] = [];
      for (let round = 0; round < 2; round++) {
        for (const name of ['baseline', 'language'] as const) {
          const url = `${servers[name].url}/bench/${name}-page.html`;
          const measured = await measure(browser.context, url, source, workspace);
          runs[name].push(...measured.samples);
          worker.push(...measured.workerMs);
        }
      }
      const base = stats(runs.baseline);
      const lang = stats(runs.language);
      // Two shared cores: the machine's load says how much of the tail is other work.
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
      console.log(
        `\nkeystroke → settled, ${LINES}-line flow, ${runs.language.length} keystrokes per page (ms; load ${load}):`,
      );
      console.log('                       p50      p90      p99      max');
      console.log(`  baseline (no lang) ${row(base)}`);
      console.log(`  callflow markers   ${row(lang)}`);
      const work = stats(worker);
      console.log(
        `  of which in the worker (parse + check + graph): p50 ${work.p50.toFixed(1)}, p99 ${work.p99.toFixed(1)}`,
      );
      const added = lang.p99 - base.p99;
      console.log(
        `  added by the language: p50 ${(lang.p50 - base.p50).toFixed(1)} ms, p99 ${added.toFixed(1)} ms ` +
          `(target < 50 ms: ${added < 50 ? 'met' : 'NOT met'}); p99 ratio ${(lang.p99 / base.p99).toFixed(1)}×`,
      );
    } finally {
      await browser.close();
      await Promise.all([servers.baseline.close(), servers.language.close()]);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function buildInto(outDir: string, page?: string): Promise<number> {
  await build({
    configFile: STUDIO_VITE_CONFIG,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      ...(page
        ? { rolldownOptions: { input: fileURLToPath(new URL(`../../studio/web/${page}`, import.meta.url)) } }
        : {}),
    },
  });
  return bundleBytes(outDir);
}

function bundleBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(js|css)$/.test(entry.name))
      total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function measure(
  context: Awaited<ReturnType<typeof launchChromium>>['context'],
  url: string,
  source: string,
  workspace: unknown,
): Promise<{ samples: number[]; workerMs: number[] }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => typeof globalThis.bench?.setup === 'function');
    await page.evaluate(([text, ws]) => globalThis.bench.setup(text, { workspace: ws }), [
      source,
      workspace,
    ] as const);
    // Into the middle of the file, at the end of a `say` line: a realistic place to type.
    const line = source.split('\n').findIndex((l, i) => i > LINES / 2 && l.trim().startsWith('say "')) + 1;
    await page.evaluate((ln) => {
      const monaco = (globalThis as { callflowMonaco?: any }).callflowMonaco;
      const editor = monaco.editor.getEditors()[0];
      editor.setPosition({ lineNumber: ln, column: editor.getModel().getLineMaxColumn(ln) - 1 });
      editor.revealLineInCenter(ln);
      editor.focus();
    }, line);
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const before = await page.evaluate(() => globalThis.bench.samples.length);
      await page.keyboard.press(i % 2 === 0 ? 'a' : 'Backspace');
      await page.waitForFunction((n) => globalThis.bench.samples.length > n, before);
    }
    const samples = await page.evaluate(() => globalThis.bench.samples);
    const workerMs = await page.evaluate(() => (globalThis as { workerMs?: number[] }).workerMs ?? []);
    return { samples: samples.slice(WARMUP), workerMs: workerMs.slice(WARMUP + 1) };
  } finally {
    await page.close();
  }
}

function stats(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const row = (s: Latency) => [s.p50, s.p90, s.p99, s.max].map((v) => v.toFixed(1).padStart(8)).join(' ');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function loadWorkspace() {
  const result = parseWorkspace(
    JSON.parse(readFileSync('examples/abc-internet/callflow.workspace.json', 'utf8')),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.workspace;
}
