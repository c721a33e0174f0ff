import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_WORKSPACE } from '../../language/workspace.ts';
import { loadWorkspaceFor, WORKSPACE_FILE, workspaceFromText } from '../../runtime/workspace-files.ts';

const at = (d: { range: { start: { line: number; column: number } } }) =>
  `${d.range.start.line}:${d.range.start.column}`;

describe('loadWorkspaceFor', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'callflow-ws-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the nearest config in a parent folder', async () => {
    await writeFile(join(root, WORKSPACE_FILE), JSON.stringify({ queues: { general: {} } }));
    await mkdir(join(root, 'flows', 'support'), { recursive: true });
    const loaded = await loadWorkspaceFor(join(root, 'flows', 'support', 'main.flow'));
    expect(loaded.configPath).toBe(join(root, WORKSPACE_FILE));
    expect(Object.keys(loaded.workspace.queues)).toEqual(['general']);
    expect(loaded.diagnostics).toEqual([]);
  });

  it('CF607: no config anywhere gives the empty workspace and a warning on the flow', async () => {
    // The temp folder's parents (/tmp, /) hold no config on this machine.
    const flow = join(root, 'main.flow');
    const loaded = await loadWorkspaceFor(flow);
    expect(loaded.configPath).toBeNull();
    expect(loaded.workspace).toEqual(EMPTY_WORKSPACE);
    expect(loaded.diagnostics.map((d) => [d.file, d.diagnostic.code, d.diagnostic.severity])).toEqual([
      [flow, 'CF607', 'warning'],
    ]);
  });

  it('CF600: a schema error points at the offending key in the config file', async () => {
    const config = join(root, WORKSPACE_FILE);
    await writeFile(config, '{\n  "queues": {\n    "tech": {\n      "strategy": "fastest"\n    }\n  }\n}\n');
    const loaded = await loadWorkspaceFor(join(root, 'main.flow'));
    expect(loaded.workspace).toEqual(EMPTY_WORKSPACE);
    const [{ file, diagnostic }] = loaded.diagnostics;
    expect(file).toBe(config);
    expect([diagnostic.code, diagnostic.severity, at(diagnostic)]).toEqual(['CF600', 'error', '4:7']);
    expect(diagnostic.message).toMatch(/^invalid workspace config: queues\.tech\.strategy: /);
  });
});

describe('workspaceFromText', () => {
  it('CF600: broken JSON is a diagnostic at the error position, not an exception', () => {
    const { workspace, diagnostics } = workspaceFromText('{\n  "queues": {},\n  "skills": [1,,]\n}', 'ru');
    expect(workspace).toEqual(EMPTY_WORKSPACE);
    expect(diagnostics.map((d) => [d.code, at(d)])).toEqual([['CF600', '3:16']]);
    expect(diagnostics[0].message).toMatch(/^ошибка в настройках рабочего пространства: /);
  });

  it('accepts a calendar open only on some days', () => {
    const text = JSON.stringify({ calendars: { office: { weekly: { mon: ['09:00-18:00'] } } } });
    expect(workspaceFromText(text).diagnostics).toEqual([]);
  });
});
