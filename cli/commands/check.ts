/**
 * `callflow check <files or folders…>`: parses and checks flows (folders: every *.flow inside,
 * recursively) against the nearest callflow.workspace.json, prints `path:line:col severity CODE
 * message` lines and a summary, and exits 1 when there is any error.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../language/analyze.ts';
import type { Document } from '../../language/ast.ts';
import { checkWorkspaceFlows } from '../../language/check.ts';
import type { Diagnostic, Locale } from '../../language/diagnostic.ts';
import { type LoadedWorkspace, loadWorkspaceFor } from '../../runtime/workspace-files.ts';
import { chooseLocale, collectFlowFiles, displayPath } from '../flow-files.ts';

export const summary = 'check flows and print their diagnostics';

export const usage = `Usage: callflow check <files or folders…> [options]

Checks .flow files (folders: every *.flow inside, recursively) against the nearest
callflow.workspace.json and prints one line per problem:  path:line:col severity CODE message
Exits with 1 when there is any error, 0 otherwise.

Options:
  --format text|json   output format (json: an array of {file, diagnostics}); default text
  --lang en|ru         message language; default ru when LANG starts with ru, else en
  -h, --help           show this help`;

interface FileResult {
  /** Path relative to the current directory, with forward slashes. */
  file: string;
  diagnostics: Diagnostic[];
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, lang: { type: 'string' } },
  });
  const locale = chooseLocale(values.lang);
  if (!locale || (values.format !== 'text' && values.format !== 'json') || positionals.length === 0) {
    console.error(usage);
    return 2;
  }
  const { files, missing } = await collectFlowFiles(positionals);
  if (files === null) {
    console.error(
      locale === 'ru'
        ? `callflow check: нет такого файла или папки: ${missing}`
        : `callflow check: no such file or folder: ${missing}`,
    );
    return 2;
  }
  const results = await checkFiles(files, locale);
  if (values.format === 'json') {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const { file, diagnostics } of results) {
      for (const d of diagnostics) {
        console.log(
          `${file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`,
        );
      }
    }
    console.log(summaryLine(files.length, results, locale));
  }
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

async function checkFiles(paths: string[], locale: Locale): Promise<FileResult[]> {
  // One workspace per folder, loaded once; its own problems are reported once.
  const workspaces = new Map<string, Promise<LoadedWorkspace>>();
  const results = new Map<string, FileResult>();
  const resultFor = (absolute: string): FileResult => {
    const file = displayPath(absolute);
    let result = results.get(file);
    if (!result) results.set(file, (result = { file, diagnostics: [] }));
    return result;
  };
  const reported = new Set<LoadedWorkspace>();
  const byWorkspace = new Map<string | null, { file: string; document: Document }[]>();
  const progress = progressReporter(paths.length, locale);
  for (const path of paths) {
    progress();
    const folder = resolve(path, '..');
    let pending = workspaces.get(folder);
    if (!pending) workspaces.set(folder, (pending = loadWorkspaceFor(path, { locale })));
    const loaded = await pending;
    if (!reported.has(loaded)) {
      reported.add(loaded);
      for (const { file, diagnostic } of loaded.diagnostics) resultFor(file).diagnostics.push(diagnostic);
    }
    const result = resultFor(path);
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch (error) {
      console.error(`${result.file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const analysis = analyze(source, loaded.workspace, { locale });
    result.diagnostics.push(...analysis.diagnostics);
    const group = byWorkspace.get(loaded.configPath) ?? [];
    group.push({ file: result.file, document: analysis.document });
    byWorkspace.set(loaded.configPath, group);
  }
  for (const [configPath, flows] of byWorkspace) {
    if (configPath === null) continue; // flows without a workspace share no numbering plan
    for (const { file, diagnostics } of checkWorkspaceFlows(flows, { locale })) {
      results.get(file)?.diagnostics.push(...diagnostics);
    }
  }
  for (const result of results.values()) {
    result.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  }
  return [...results.values()];
}

/** `checking 120/500…` on stderr for long runs in a terminal (never in pipes or JSON consumers). */
function progressReporter(total: number, locale: Locale): () => void {
  if (!process.stderr.isTTY || total < 50) return () => {};
  let done = 0;
  return () => {
    done++;
    if (done % 10 === 0 || done === total) {
      const text = locale === 'ru' ? `проверка ${done}/${total}…` : `checking ${done}/${total}…`;
      process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    }
  };
}

function summaryLine(fileCount: number, results: FileResult[], locale: Locale): string {
  let errors = 0;
  let warnings = 0;
  for (const { diagnostics } of results) {
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return locale === 'ru'
    ? `Проверено файлов: ${fileCount}; ошибок: ${errors}, предупреждений: ${warnings}`
    : `${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
