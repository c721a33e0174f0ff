/**
 * `npm run bench -- parse`
 * Parse (lex + layout + parse + assemble) and format of generated 1,000- and 10,000-line flows,
 * median of 20 runs. Baseline in the same run: JSON.parse of the same document's AST as JSON (what
 * merely loading an already parsed flow costs), and the lexer alone.
 */
import { format } from '../../language/format.ts';
import { tokenize } from '../../language/lexer.ts';
import { parse } from '../../language/parse.ts';
import { generateFlow } from './generate-flow.ts';
import { median as medianOf } from './timing.ts';

const median = (fn: () => void) => medianOf(fn, 20, 5);

const ms = (t: number) => `${t.toFixed(2)} ms`.padStart(10);

export async function run(): Promise<void> {
  for (const lines of [1_000, 10_000]) {
    const source = generateFlow(lines);
    const parsed = parse(source);
    if (parsed.diagnostics.length > 0)
      throw new Error(`generated flow has syntax errors: ${parsed.diagnostics[0]!.message}`);
    const json = JSON.stringify(parsed.document);
    const tParse = median(() => parse(source));
    const tLex = median(() => tokenize(source));
    const tFormat = median(() => format(source));
    const tJson = median(() => JSON.parse(json));
    console.log(`${lines.toLocaleString('en')} lines (${(source.length / 1024).toFixed(0)} KiB):`);
    console.log(
      `  parse   ${ms(tParse)}  ${Math.round((lines / tParse) * 1000).toLocaleString('en')} lines/s`,
    );
    console.log(`  lexer   ${ms(tLex)}  (part of parse)`);
    console.log(`  format  ${ms(tFormat)}  (parse + print)`);
    console.log(
      `  baseline JSON.parse of the AST ${ms(tJson)}  → parse/baseline ${(tParse / tJson).toFixed(2)}x`,
    );
  }
}
