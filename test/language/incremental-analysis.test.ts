/**
 * Incremental analysis (an editor's keystrokes) gives exactly what analysing from scratch gives:
 * random edit sequences on the example flows, the compiler's test flows and a generated flow, each
 * version analysed by `Analyzer`, by `LanguageService` and from scratch, compared as JSON (key
 * order included, so a document hashes the same whichever way it was read). Earlier results must
 * not change when later versions are read (the parser shares unchanged lines between them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analysis, Analyzer, analyze } from '../../language/analyze.ts';
import type { Locale } from '../../language/diagnostic.ts';
import { IncrementalParser, parse } from '../../language/parse.ts';
import { LanguageService } from '../../language/services/language-service.ts';
import { parseWorkspace, type Workspace } from '../../language/workspace.ts';
import { generateFlow } from '../bench/generate-flow.ts';
import { applyEdit, type Edit, edit } from './support/source-edits.ts';

const root = resolve(import.meta.dirname, '../..');

function flowsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

const seeds = [
  ...flowsIn(join(root, 'examples')),
  ...flowsIn(join(import.meta.dirname, 'compile/flows')),
  generateFlow(120),
  'flow "js"\n  js {\n    var a = 1\n  }\n  say "x"\n  js { if (a) {\n  }  }\n  hangup\n',
  'flow "crlf"\r\n  say "a"\r\n  menu m\r\n    on 1 -> hangup\r\n  hangup',
];

const workspaceJson = readFileSync(join(root, 'examples/abc-internet/callflow.workspace.json'), 'utf8');
const parsedWorkspace = parseWorkspace(JSON.parse(workspaceJson));
if (!parsedWorkspace.ok) throw new Error(parsedWorkspace.errors.join('\n'));
const workspace: Workspace = parsedWorkspace.workspace;

function expectSame(actual: unknown, expected: unknown, what: string, history: string[]): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  // A readable diff, and the versions that led here.
  expect(actual, `${what} after:\n${history.map((s) => JSON.stringify(s)).join('\n')}`).toEqual(expected);
  expect.fail(`${what}: same values, different JSON (key order) after:\n${history.join('\n----\n')}`);
}

describe('incremental analysis equals analysis from scratch', () => {
  it('after every edit of random edit sequences (1,500 sequences, ~7,500 versions)', () => {
    let versions = 0;
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<Locale>('en', 'ru'),
        (seed, edits: Edit[], locale) => {
          const analyzer = new Analyzer();
          const service = new LanguageService({ workspace, locale });
          const uri = 'file:///edited.flow';
          let source = seeds[seed]!;
          const history = [source];
          let earlier: { result: Analysis; json: string } | null = null;
          for (let step = 0; step <= edits.length; step++) {
            if (step > 0) {
              source = applyEdit(source, edits[step - 1]!);
              history.push(source);
            }
            const fresh = analyze(source, workspace, { locale });
            const incremental = analyzer.analyze(source, workspace, { locale });
            expectSame(incremental, fresh, 'Analyzer', history);
            service.update(uri, step, source);
            expectSame(service.diagnostics(uri), fresh.diagnostics, 'LanguageService diagnostics', history);
            expectSame(service.parsed(uri)?.document, fresh.document, 'LanguageService document', history);
            if (earlier !== null) {
              expect(JSON.stringify(earlier.result), 'an earlier result changed').toBe(earlier.json);
            }
            earlier = { result: incremental, json: JSON.stringify(incremental) };
            versions++;
          }
        },
      ),
      { numRuns: 1500, seed: 20_261_123 },
    );
    expect(versions).toBeGreaterThan(5000);
  }, 300_000);

  it('when the locale changes between two versions', () => {
    const parser = new IncrementalParser();
    const source = seeds[0]!;
    parser.parse(source, { locale: 'en' });
    const edited = source.replace('say', 'sya');
    expect(parser.parse(edited, { locale: 'ru' })).toEqual(parse(edited, { locale: 'ru' }));
    expect(parser.lastReuse.kept + parser.lastReuse.moved).toBe(0);
  });
});

describe('what incremental parsing reads again', () => {
  const flow = generateFlow(1_000);
  const at = flow.indexOf('Шаг 30.');

  it('only the edited line, for a one-character edit in a 1,000-line flow', () => {
    const parser = new IncrementalParser();
    parser.parse(flow);
    const edited = `${flow.slice(0, at)}Шаг 31.${flow.slice(at + 7)}`;
    expect(parser.parse(edited)).toEqual(parse(edited));
    expect(parser.lastReuse.read).toBe(1);
    expect(parser.lastReuse.kept + parser.lastReuse.moved + parser.lastReuse.read).toBe(1_000);
  });

  it('only the new line when a line is inserted; the lines after it move down', () => {
    const parser = new IncrementalParser();
    parser.parse(flow);
    const lineStart = flow.lastIndexOf('\n', at) + 1;
    const edited = `${flow.slice(0, lineStart)}      // a new comment\n${flow.slice(lineStart)}`;
    const result = parser.parse(edited);
    expect(result).toEqual(parse(edited));
    expect(parser.lastReuse.read).toBe(1);
    expect(parser.lastReuse.moved).toBeGreaterThan(100);
  });

  it('the lines a js block spans once it is opened, and each of them once it is closed', () => {
    const parser = new IncrementalParser();
    const source = 'flow "x"\n  say "a"\n  say "b"\n  say "c" }\n  hangup\n';
    parser.parse(source);
    const opened = source.replace('say "a"', 'js { say("a")');
    expect(parser.parse(opened)).toEqual(parse(opened));
    expect(parser.lastReuse).toEqual({ kept: 1, read: 1, moved: 1 });
    const closed = opened.replace('js { say("a")', 'js { say("a") }');
    expect(parser.parse(closed)).toEqual(parse(closed));
    expect(parser.lastReuse).toEqual({ kept: 1, read: 3, moved: 1 });
  });
});
