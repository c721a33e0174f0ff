/**
 * `callflow deploy`, `versions` and `rollback` against a running server (the whole server wired in
 * process and listening on a port): progress and results on the terminal, diagnostics of a refused
 * file as `file:line:col severity CODE message`, clear errors without a token or a server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as deploy from '../../../cli/commands/deploy.ts';
import * as rollback from '../../../cli/commands/rollback.ts';
import * as versions from '../../../cli/commands/versions.ts';
import { type Harness, startServer } from '../../studio/server/support/server-harness.ts';

let h: Harness;
let url: string;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'callflow-cli-deploy-'));

const flowFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const flow = (greeting: string) =>
  `flow "CLI"\n  answers "0800600700"\n  language ru\n\n  say "${greeting}"\n  hangup\n`;

beforeAll(async () => {
  h = await startServer();
  url = (await h.wired.listen(0, '127.0.0.1')).url;
  token = await h.as('admin');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function cli(command: { run(args: string[]): Promise<number> }, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await command.run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('callflow deploy / versions / rollback', () => {
  it('deploys, refuses a broken file with its diagnostics, lists versions and rolls back', async () => {
    const server = ['--server', url, '--token', token, '--lang', 'en'];
    const v1 = await cli(deploy, [flowFile('cli.flow', flow('Один.')), ...server]);
    expect(v1).toMatchObject({ code: 0, out: '✓ «CLI» v1 is live, answers 0800600700' });
    expect(v1.err).toMatch(/^Deploying .*cli\.flow to http:\/\/127\.0\.0\.1:\d+ \(tenant abc-internet\)…$/);
    expect((await cli(deploy, [flowFile('cli.flow', flow('Два.')), ...server])).out).toBe(
      '✓ «CLI» v2 is live (was v1), answers 0800600700',
    );

    const broken = await cli(deploy, [flowFile('broken.flow', `${flow('Три.')}  goto nowhere\n`), ...server]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/broken\.flow:7:\d+ error CF\d+ /);
    expect(broken.err).toMatch(
      /callflow deploy: The flow has \d+ error\(s\); nothing was deployed\. \[422 flow-has-errors\]/,
    );

    const listed = await cli(versions, ['CLI', ...server]);
    expect(listed.code).toBe(0);
    expect(
      listed.out
        .split('\n')
        .slice(1)
        .map((l) => l.slice(0, 8)),
    ).toEqual(['*      2', '       1']);

    const back = await cli(rollback, ['CLI', '--to', '1', ...server]);
    expect(back).toMatchObject({ code: 0, out: '✓ «CLI» v1 is active again (was v2)' });
    expect(h.wired.deployments.activeHere('abc-internet', 'CLI')?.version).toBe(1);
  });

  it('speaks Russian with --lang ru', async () => {
    const result = await cli(deploy, [
      flowFile('cli.flow', flow('Один.')),
      '--server',
      url,
      '--token',
      token,
      '--lang',
      'ru',
    ]);
    expect(result.out).toBe('= «CLI» v1 уже активна, без изменений, номера 0800600700');
  });

  it('says clearly when the token or the server is missing', async () => {
    const saved = process.env.CALLFLOW_TOKEN;
    delete process.env.CALLFLOW_TOKEN;
    try {
      const noToken = await cli(deploy, [flowFile('cli.flow', flow('x')), '--server', url, '--lang', 'en']);
      expect(noToken.code).toBe(1);
      expect(noToken.err).toMatch(/^callflow deploy: a token is needed: --token T or CALLFLOW_TOKEN/);
    } finally {
      if (saved !== undefined) process.env.CALLFLOW_TOKEN = saved;
    }
    const wrongToken = await cli(versions, [
      'CLI',
      '--server',
      url,
      '--token',
      'x'.repeat(43),
      '--lang',
      'en',
    ]);
    expect(wrongToken.err).toMatch(/\[401 invalid-token\]$/);
    const noServer = await cli(versions, [
      'CLI',
      '--server',
      'http://127.0.0.1:1',
      '--token',
      token,
      '--lang',
      'en',
    ]);
    expect(noServer.code).toBe(1);
    expect(noServer.err).toMatch(
      /^callflow versions: cannot reach the server at http:\/\/127\.0\.0\.1:1 \(.*\); is it running \(npm start\)\?$/,
    );
  });
});
