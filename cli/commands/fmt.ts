/**
 * `callflow fmt [--check] <files or folders…>`: rewrites flows in the canonical layout
 * (language/format.ts). With --check it writes nothing and exits 1 when a file would change.
 * A file with syntax errors is never touched: its diagnostics are printed instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { format } from '../../language/format.ts';
import { chooseLocale, collectFlowFiles, displayPath } from '../flow-files.ts';

export const summary = 'format flows in the canonical layout (--check to verify only)';

export const usage = `Usage: callflow fmt [--check] <files or folders…> [options]

Rewrites .flow files (folders: every *.flow inside, recursively) in the canonical layout.
Formatting is idempotent: formatting twice changes nothing. Files with syntax errors are left
untouched and their errors printed.

Options:
  --check        write nothing; list files that are not formatted and exit 1 if any
  --lang en|ru   message language
  -h, --help     show this help`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const locale = chooseLocale(values.lang);
  if (!locale || positionals.length === 0) {
    console.error(usage);
    return 2;
  }
  const ru = locale === 'ru';
  const { files, missing } = await collectFlowFiles(positionals);
  if (files === null) {
    console.error(
      ru
        ? `callflow fmt: нет такого файла или папки: ${missing}`
        : `callflow fmt: no such file or folder: ${missing}`,
    );
    return 2;
  }
  let unformatted = 0;
  let broken = 0;
  for (const path of files) {
    const shown = displayPath(path);
    const source = await readFile(path, 'utf8');
    const result = format(source, { locale });
    if (result.text === null) {
      broken++;
      for (const d of result.diagnostics.filter((d) => d.severity === 'error')) {
        console.log(
          `${shown}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`,
        );
      }
      continue;
    }
    if (result.text === source) continue;
    unformatted++;
    if (values.check) console.log(ru ? `${shown}: не отформатирован` : `${shown}: not formatted`);
    else {
      await writeFile(path, result.text);
      console.log(ru ? `${shown}: отформатирован` : `${shown}: formatted`);
    }
  }
  const total = files.length;
  console.log(
    ru
      ? `Файлов: ${total}; ${values.check ? 'не отформатировано' : 'отформатировано'}: ${unformatted}; с ошибками: ${broken}`
      : `${total} file${total === 1 ? '' : 's'}: ${unformatted} ${values.check ? 'not formatted' : 'formatted'}, ${broken} with syntax errors`,
  );
  return broken > 0 || (values.check && unformatted > 0) ? 1 : 0;
}
