/**
 * The compiled output of every example (examples/**\/*.flow) and of the test flows (flows/*.flow)
 * is stable: compared with golden/*.golden.js. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/language/compile/golden.test.ts
 * Each compiled script must also load in QuickJS and answer `start`.
 * Every script embeds the same prelude (PRELUDE_SOURCE) once; it is held once, in prelude.golden.js,
 * and each flow's golden has a marker line where it stands, so a golden shows what is that flow's own.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { PRELUDE_SOURCE } from '../../../language/compile/prelude.ts';
import { compileAll } from '../../../language/compile.ts';
import { loadWorkspaceFor } from '../../../runtime/workspace-files.ts';
import { FlowRunner } from './driver.ts';

const root = resolve(import.meta.dirname, '../../..');
const goldenDir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const PRELUDE_MARKER = '/* … the prelude, as in prelude.golden.js … */';

function expectGolden(file: string, actual: string): void {
  if (update) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  } else {
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  }
}

/** The script with its one copy of the prelude replaced by the marker. */
function ownPart(code: string): string {
  const parts = code.split(PRELUDE_SOURCE);
  expect(parts.length, 'the prelude appears exactly once').toBe(2);
  return parts.join(PRELUDE_MARKER);
}

function flowFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const files = [...flowFiles(join(root, 'examples')), ...flowFiles(join(import.meta.dirname, 'flows'))];

describe('golden output', () => {
  it('has flows to compile', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('prelude', () => {
    expectGolden(join(goldenDir, 'prelude.golden.js'), PRELUDE_SOURCE);
  });

  for (const file of files) {
    const name = relative(root, file).replace(/\\/g, '/');
    it(name, async () => {
      const source = readFileSync(file, 'utf8');
      const { workspace } = await loadWorkspaceFor(file);
      const analysis = analyze(source, workspace);
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`),
      ).toEqual([]);
      const flows = compileAll(analysis.document, workspace, { fileName: name.split('/').pop(), source });
      expect(flows.length).toBeGreaterThan(0);
      for (const [index, flow] of flows.entries()) {
        const suffix = flows.length === 1 ? '' : `-${index + 1}`;
        const key = name
          .replace(/^test\/language\/compile\//, '')
          .replace(/\.flow$/, '')
          .replace(/\//g, '__');
        expectGolden(join(goldenDir, `${key}${suffix}.golden.js`), ownPart(flow.code));
        const runner = await FlowRunner.load(flow);
        try {
          expect(runner.start().command.loc.line).toBeGreaterThan(0);
        } finally {
          runner.dispose();
        }
      }
    });
  }
});
