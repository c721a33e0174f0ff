/**
 * `callflow test <paths...>`: runs the flow tests (`*.flowtest`) found in the given files and
 * folders, each case as a real call through the runtime, the ARI adapter and the PBX simulator on
 * virtual time. Prints pass/fail per case (with the test line and the flow line where a case went
 * another way); exit code 1 when any case fails.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportLines, summaryLine } from '../../runtime/flow-tests/report.ts';
import { type FileResult, runFlowTestFile } from '../../runtime/flow-tests/run-flowtest.ts';

export const summary = 'run the flow tests (*.flowtest) next to flows';

export const usage = `Usage: callflow test [paths...] [options]

Finds *.flowtest files in the given files and folders (default: the current folder) and runs
every case as a call through the runtime and the PBX simulator on virtual time.

Options:
  --json         print the results as JSON
  --lang en|ru   message language; default ru when LANG starts with ru, else en
  -h, --help     show this help`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const locale =
    values.lang === undefined
      ? (process.env.LANG ?? '').startsWith('ru')
        ? 'ru'
        : 'en'
      : values.lang === 'ru' || values.lang === 'en'
        ? values.lang
        : null;
  if (!locale) {
    console.error(usage);
    return 2;
  }
  const files = (
    await Promise.all((positionals.length > 0 ? positionals : ['.']).map((p) => findTests(resolve(p))))
  ).flat();
  if (files.length === 0) {
    console.error(
      locale === 'ru'
        ? 'callflow test: файлов *.flowtest не найдено'
        : 'callflow test: no *.flowtest files found',
    );
    return 1;
  }
  const results: FileResult[] = [];
  for (const file of files) {
    const result = await runFlowTestFile(file, locale);
    results.push(result);
    if (!values.json) for (const line of reportLines(result, locale)) console.log(line);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else console.log(`\n${summaryLine(results, locale)}`);
  return results.every((r) => r.problems.length === 0 && r.cases.every((c) => c.passed)) ? 0 : 1;
}

async function findTests(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return path.endsWith('.flowtest') ? [path] : [];
  const found: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    found.push(...(await findTests(join(path, entry.name))));
  }
  return found.sort();
}
