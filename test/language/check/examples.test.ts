import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { loadWorkspaceFor } from '../../../runtime/workspace-files.ts';

const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
const flows = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.flow'))
  .sort();

describe('the example flows check clean against their workspaces', () => {
  it('there are examples to check', () => {
    expect(flows.length).toBeGreaterThanOrEqual(3);
  });

  it.each(flows)('%s has no errors', async (file) => {
    const path = join(examples, file);
    const loaded = await loadWorkspaceFor(path);
    expect(loaded.diagnostics).toEqual([]);
    const { diagnostics } = analyze(readFileSync(path, 'utf8'), loaded.workspace);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual(
      [],
    );
  });
});
