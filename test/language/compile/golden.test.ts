/**
 * The compiled output of every example (examples/**\/*.flow) and of the test flows (flows/*.flow)
 * is stable: compared with golden/*.golden.js. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/language/compile/golden.test.ts
 * Each compiled script must also load in QuickJS and answer `start`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { compileAll } from '../../../language/compile.ts';
import { loadWorkspaceFor } from '../../../runtime/workspace-files.ts';
import { FlowRunner } from './driver.ts';

const root = resolve(import.meta.dirname, '../../..');
const goldenDir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

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
        const golden = join(goldenDir, `${key}${suffix}.golden.js`);
        if (update) {
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(golden, flow.code);
        } else {
          expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
          expect(flow.code).toBe(readFileSync(golden, 'utf8'));
        }
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
