/**
 * The real studio server for browser tests and benchmarks: `callflow start` (what `npm start` runs)
 * in a child process with a temporary data folder and free ports, the demo tenant seeded and the
 * examples deployed. Resolves once it prints where the studio is; the demo passwords come from
 * that same output. `webDist` serves a web app built elsewhere: a test that builds its own does not
 * share studio/web/dist with other test files (`callflow start` builds that one when it is missing,
 * and two builds emptying the same folder at once leave it half written).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StudioServer {
  url: string;
  /** Demo passwords by e-mail, as `callflow start` printed them. */
  passwords: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
}

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export async function startStudioServer(
  options: { webDist?: string; timeoutMs?: number } = {},
): Promise<StudioServer> {
  const timeoutMs = options.timeoutMs ?? 150_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'callflow-studio-e2e-'));
  const child = spawn(
    process.execPath,
    ['bin/callflow.mjs', 'start', '--port', '0', '--host', '127.0.0.1', '--pbx-port', '0', '--data', dataDir],
    {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: '',
        // Each browser test file gets its own embedded database: with CI's DATABASE_URL the files' servers
        // shared one PostgreSQL database, and one file's demo deploy bumped the other's version numbers.
        DATABASE_URL: '',
        CALLFLOW_LOG: 'warn',
        ...(options.webDist ? { CALLFLOW_WEB_DIST: options.webDist } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopChild(child).finally(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the studio server did not start in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const check = () => {
        const match = /Callflow studio: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          done(match[1]);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the studio server exited (${code}) before it was ready:\n${output}`));
      });
    });
    const passwords: Record<string, string> = {};
    for (const m of output.matchAll(/(\w+@abc\.example) \/ ([^\s)]+)/g)) passwords[m[1]] ??= m[2];
    return { url, passwords, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
