/**
 * `callflow compile <file.flow> [-o out.js] [--map]`: checks a flow against the nearest
 * callflow.workspace.json and writes the sandbox script (and its source map). Refuses with exit
 * code 1, printing the diagnostics, when the flow or the workspace has errors.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../language/analyze.ts';
import { compileAll } from '../../language/compile.ts';
import type { CompiledFlow } from '../../language/compiled-format.ts';
import type { Diagnostic, Locale } from '../../language/diagnostic.ts';
import { loadWorkspaceFor } from '../../runtime/workspace-files.ts';

export const summary = 'compile a flow to its sandbox script (and source map)';

export const usage = `Usage: callflow compile <file.flow> [options]

Checks the flow against the nearest callflow.workspace.json and writes the JavaScript the
runtime's sandbox runs. Refuses (exit 1) when there is any error, printing one line per
problem:  path:line:col severity CODE message

Options:
  -o, --out FILE   where to write the script; '-' for standard output (default: the flow's
                   path with .js instead of .flow). A file with several flows gets FILE-1.js, FILE-2.js…
  --map            also write the source map next to the script (FILE.map)
  --lang en|ru     message language; default ru when LANG starts with ru, else en
  -h, --help       show this help`;

const text = {
  en: {
    missing: (file: string) => `callflow compile: cannot read ${file}`,
    refused: (n: number) => `not compiled: ${n} error${n === 1 ? '' : 's'}`,
    noFlow: (file: string) => `callflow compile: ${file} declares no flow or survey`,
    mapNeedsFile: 'callflow compile: --map needs a file to write the script to (not -o -)',
    wrote: (file: string, bytes: number, extra: string) => `wrote ${file} (${formatSize(bytes)})${extra}`,
  },
  ru: {
    missing: (file: string) => `callflow compile: не удалось прочитать ${file}`,
    refused: (n: number) => `не скомпилировано: ошибок — ${n}`,
    noFlow: (file: string) => `callflow compile: в ${file} нет ни flow, ни survey`,
    mapNeedsFile: 'callflow compile: для --map нужен файл для сценария (не -o -)',
    wrote: (file: string, bytes: number, extra: string) => `записан ${file} (${formatSize(bytes)})${extra}`,
  },
};

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      map: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
  });
  const locale = chooseLocale(values.lang);
  if (!locale || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const t = text[locale];
  const path = resolve(positionals[0]);
  const shown = displayPath(path);
  const source = await readFile(path, 'utf8').catch(() => null);
  if (source === null) {
    console.error(t.missing(positionals[0]));
    return 2;
  }
  const toStdout = values.out === '-';
  if (toStdout && values.map) {
    console.error(t.mapNeedsFile);
    return 2;
  }

  const loaded = await loadWorkspaceFor(path, { locale });
  const analysis = analyze(source, loaded.workspace, { locale });
  const problems = [
    ...loaded.diagnostics.map(({ file, diagnostic }) => ({ file: displayPath(file), diagnostic })),
    ...analysis.diagnostics.map((diagnostic) => ({ file: shown, diagnostic })),
  ];
  for (const { file, diagnostic } of problems) console.error(formatDiagnostic(file, diagnostic));
  const errors = problems.filter((p) => p.diagnostic.severity === 'error').length;
  if (errors > 0) {
    console.error(t.refused(errors));
    return 1;
  }

  const flows = compileAll(analysis.document, loaded.workspace, { fileName: basename(path), source });
  if (flows.length === 0) {
    console.error(t.noFlow(shown));
    return 1;
  }
  if (toStdout) {
    for (const flow of flows) process.stdout.write(flow.code);
    return 0;
  }
  const base = resolve(values.out ?? path.replace(/\.flow$/, '') + '.js').replace(/\.js$/, '');
  for (const [index, flow] of flows.entries()) {
    const out = flows.length === 1 ? `${base}.js` : `${base}-${index + 1}.js`;
    await writeScript(flow, out, values.map === true);
    const extra = values.map ? ` + ${displayPath(out)}.map` : '';
    console.log(t.wrote(displayPath(out), Buffer.byteLength(flow.code), `${extra}  [${flow.meta.id}]`));
  }
  return 0;
}

/** Writes the script; with a map, points the map at the script's real name and links them. */
async function writeScript(flow: CompiledFlow, out: string, withMap: boolean): Promise<void> {
  if (!withMap) {
    await writeFile(out, flow.code);
    return;
  }
  const map = { ...flow.sourceMap, file: basename(out) };
  await writeFile(out, `${flow.code}//# sourceMappingURL=${basename(out)}.map\n`);
  await writeFile(`${out}.map`, JSON.stringify(map));
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`;
}

function displayPath(absolute: string): string {
  return relative(process.cwd(), absolute).split(sep).join('/') || absolute;
}

function chooseLocale(lang: string | undefined): Locale | null {
  if (lang === undefined) return (process.env.LANG ?? '').startsWith('ru') ? 'ru' : 'en';
  return lang === 'en' || lang === 'ru' ? lang : null;
}
