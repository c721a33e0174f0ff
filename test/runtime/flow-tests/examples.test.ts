/**
 * Runs every example's flow tests through the real runtime, ARI adapter and PBX simulator (the same
 * path as `npx callflow test examples`), and checks a failing case is reported with its lines.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportLines } from '../../../runtime/flow-tests/report.ts';
import { runFlowTestFile } from '../../../runtime/flow-tests/run-flowtest.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

async function flowTests(): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await readdir(EXAMPLES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of await readdir(join(EXAMPLES, dir.name))) {
      if (file.endsWith('.flowtest')) found.push(join(EXAMPLES, dir.name, file));
    }
  }
  return found.sort();
}

describe('the examples’ flow tests', async () => {
  const files = await flowTests();

  it('there is one for each example flow', () => {
    expect(files.map((f) => f.slice(EXAMPLES.length + 1))).toEqual([
      'abc-internet/support.flowtest',
      'abc-internet/survey.flowtest',
      'routing/vip-and-hours.flowtest',
    ]);
  });

  for (const file of files) {
    it(`${file.slice(EXAMPLES.length + 1)} passes`, { timeout: 120_000 }, async () => {
      const result = await runFlowTestFile(file);
      const failed = result.cases.filter((c) => !c.passed);
      expect({ problems: result.problems, failed: failed.length ? reportLines(result, 'en') : [] }).toEqual({
        problems: [],
        failed: [],
      });
      expect(result.cases.length).toBeGreaterThanOrEqual(4);
    });
  }

  it('reports a case that goes another way with the test line and the flow line', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowtest-'));
    const file = join(dir, 'wrong.flowtest');
    await writeFile(
      file,
      `flow "${join(EXAMPLES, 'abc-internet', 'support.flow')}"

case "Wrong amount"
  press 3
  enter "123456#"
  enter "1111#"
  expect hear "На вашем личном счету 70 гривен"
`,
    );
    const result = await runFlowTestFile(file);
    expect(result.cases).toHaveLength(1);
    expect(result.cases[0].passed).toBe(false);
    // Line 7 of the test; line 41 of support.flow is the `say` that gave another amount.
    expect(result.cases[0].failure).toMatchObject({
      line: 7,
      message: 'expected to hear «На вашем личном счету 70 гривен», not heard; the call ended',
      flowLine: 41,
    });
    expect(result.cases[0].failure?.heard.at(-1)).toBe('На вашем личном счету 50 гривен.');
  });
});
