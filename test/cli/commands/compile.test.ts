import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/commands/compile.ts';
import { originalPositionFor } from '../../../language/compile/source-map.ts';

const workspace = { defaultQueue: 'general', queues: { general: {} } };
const good = 'flow "Hello"\n  answers "100"\n  say "Hello"\n  queue "general"\n';
const bad = 'flow "Broken"\n  answers "100"\n  say "Hello"\n  queue "nowhere"\n';

describe('callflow compile', () => {
  let dir: string;
  let errors: string[];
  let logs: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callflow-compile-'));
    writeFileSync(join(dir, 'callflow.workspace.json'), JSON.stringify(workspace));
    errors = [];
    logs = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the script and, with --map, a source map pointing back to the flow', async () => {
    writeFileSync(join(dir, 'hello.flow'), good);
    const out = join(dir, 'out.js');
    expect(await run([join(dir, 'hello.flow'), '-o', out, '--map', '--lang', 'en'])).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code).toContain('globalThis.__flows[');
    expect(code.trimEnd().endsWith('//# sourceMappingURL=out.js.map')).toBe(true);
    const map = JSON.parse(readFileSync(`${out}.map`, 'utf8'));
    expect(map).toMatchObject({
      version: 3,
      file: 'out.js',
      sources: ['hello.flow'],
      sourcesContent: [good],
    });
    const sayLine = code.split('\n').findIndex((line) => line.includes('type: "say"')) + 1;
    // Constant commands are hoisted (`var $k0 = $.constant({...})`): the line maps to the `say`
    // statement, the column to its text.
    const mapped = originalPositionFor(map, sayLine, 3);
    expect(mapped?.line).toBe(3);
    expect(mapped?.column).toBeGreaterThanOrEqual(3);
    expect(logs.join('\n')).toMatch(/wrote .*out\.js/);
  });

  it('defaults the output to the flow path with .js', async () => {
    writeFileSync(join(dir, 'hello.flow'), good);
    expect(await run([join(dir, 'hello.flow'), '--lang', 'en'])).toBe(0);
    expect(existsSync(join(dir, 'hello.js'))).toBe(true);
    expect(existsSync(join(dir, 'hello.js.map'))).toBe(false);
  });

  it('refuses a flow with errors and prints path:line:col severity CODE message', async () => {
    writeFileSync(join(dir, 'bad.flow'), bad);
    expect(await run([join(dir, 'bad.flow'), '-o', join(dir, 'bad.js'), '--lang', 'en'])).toBe(1);
    expect(existsSync(join(dir, 'bad.js'))).toBe(false);
    expect(errors.some((line) => /bad\.flow:4:9 error CF\d+ .*nowhere/.test(line))).toBe(true);
    expect(errors.at(-1)).toBe('not compiled: 1 error');
  });

  it('speaks Russian with --lang ru', async () => {
    writeFileSync(join(dir, 'bad.flow'), bad);
    expect(await run([join(dir, 'bad.flow'), '--lang', 'ru'])).toBe(1);
    expect(errors.at(-1)).toBe('не скомпилировано: ошибок — 1');
  });

  it('exits 2 with the usage on bad arguments or a missing file', async () => {
    expect(await run([])).toBe(2);
    expect(await run([join(dir, 'missing.flow'), '--lang', 'en'])).toBe(2);
    expect(errors.at(-1)).toContain('cannot read');
  });
});
