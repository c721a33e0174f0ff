import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function callflow(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(repo, 'bin/callflow.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const good = `flow "Main"
  answers "100"
  say "Добрый день"
  queue "general"
`;
const broken = `flow "Other"
  answers "100"
  goto nowhere
`;

describe('callflow check', () => {
  let dir: string;
  let rel: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callflow-cli-'));
    rel = relative(repo, dir).split('\\').join('/');
    await writeFile(join(dir, 'callflow.workspace.json'), JSON.stringify({ queues: { general: {} } }));
    await writeFile(join(dir, 'good.flow'), good);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks the examples clean: exit 0', () => {
    const { code, out } = callflow(['check', 'examples']);
    expect(out).toMatch(/files? checked: 0 errors/);
    expect(code).toBe(0);
  });

  it('a clean folder exits 0 with a summary', () => {
    const { code, out } = callflow(['check', dir]);
    expect(out.trim()).toBe('1 file checked: 0 errors, 0 warnings');
    expect(code).toBe(0);
  });

  it('a broken file exits 1 with path:line:col severity CODE message lines', async () => {
    await writeFile(join(dir, 'broken.flow'), broken);
    try {
      const { code, out } = callflow(['check', dir]);
      expect(out.split('\n')).toEqual([
        `${rel}/broken.flow:3:8 error CF201 unknown step 'nowhere'`,
        // Files are checked in name order: the second flow answering "100" gets the CF604.
        `${rel}/good.flow:2:11 error CF604 number '100' is already answered by flow 'Other' (${rel}/broken.flow)`,
        '2 files checked: 2 errors, 0 warnings',
        '',
      ]);
      expect(code).toBe(1);
    } finally {
      await rm(join(dir, 'broken.flow'));
    }
  });

  it('--format json gives {file, diagnostics} per file; --lang ru localizes', async () => {
    await writeFile(join(dir, 'broken.flow'), broken.replace('"100"', '"200"'));
    try {
      const { code, out } = callflow(['check', join(dir, 'broken.flow'), '--format', 'json', '--lang', 'ru']);
      const results = JSON.parse(out);
      expect(results).toHaveLength(1);
      expect(results[0].file).toBe(`${rel}/broken.flow`);
      expect(
        results[0].diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]),
      ).toEqual([['CF201', 'неизвестный шаг «nowhere»']]);
      expect(code).toBe(1);
    } finally {
      await rm(join(dir, 'broken.flow'));
    }
  });

  it('LANG=ru… gives Russian messages by default', () => {
    const { out } = callflow(['check', dir], { LANG: 'ru_RU.UTF-8' });
    expect(out.trim()).toBe('Проверено файлов: 1; ошибок: 0, предупреждений: 0');
  });

  it('a missing path is a usage error: exit 2', () => {
    const { code, err } = callflow(['check', 'no/such/dir']);
    expect(err).toContain('no such file or folder: no/such/dir');
    expect(code).toBe(2);
  });
});
