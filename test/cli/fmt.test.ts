import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function callflow(args: string[]) {
  const result = spawnSync(process.execPath, [join(repo, 'bin/callflow.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  return { code: result.status, out: result.stdout };
}

const messy = `flow   "Main"
    answers "100"
    say    "Добрый день"   // приветствие
    queue "general"
`;
const tidy = `flow "Main"
  answers "100"
  say "Добрый день" // приветствие
  queue "general"
`;
const broken = `flow "Other"\n  say "не закрыта\n`;

describe('callflow fmt', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callflow-fmt-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--check reports an unformatted file and changes nothing', async () => {
    const file = join(dir, 'check.flow');
    await writeFile(file, messy);
    const result = callflow(['fmt', '--check', file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('check.flow: not formatted');
    expect(await readFile(file, 'utf8')).toBe(messy);
  });

  it('rewrites a file canonically, and a second run changes nothing', async () => {
    const file = join(dir, 'write.flow');
    await writeFile(file, messy);
    expect(callflow(['fmt', file]).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(tidy);
    const again = callflow(['fmt', '--check', file]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 not formatted');
  });

  it('leaves a file with syntax errors untouched and prints its errors', async () => {
    const file = join(dir, 'broken.flow');
    await writeFile(file, broken);
    const result = callflow(['fmt', file]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/broken\.flow:2:\d+ error CF104 /);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('the examples are formatted', () => {
    expect(callflow(['fmt', '--check', 'examples']).code).toBe(0);
  });
});
