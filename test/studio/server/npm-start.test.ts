/**
 * `npm start` as a user runs it: `node bin/callflow.mjs start` in a child process with a fresh data
 * folder. Wait for the one "Callflow studio: <url>" line, sign in as the demo analyst, list the
 * flows, place a simulated call pressing 3, 123456#, 1111# and hear the balance over the
 * WebSocket; Ctrl-C (SIGINT) stops it cleanly. A second start on the same folder (warm) works too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const ROOT = join(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'callflow-npm-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  url: string;
  readyLine: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function start(): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, CALLFLOW_TTS: 'text' };
  delete env.DATABASE_URL;
  delete env.ARI_URL;
  delete env.CALLFLOW_SPEECH_DIR;
  const child = spawn(
    process.execPath,
    ['bin/callflow.mjs', 'start', '--port', String(port), '--pbx-port', '0', '--data', dataDir],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line in 180 s\nstdout:\n${out}\nstderr:\n${err}`)),
      180_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('Callflow studio: '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    void exited.then((code) =>
      reject(new Error(`exited with ${code} before it was ready\nstdout:\n${out}\nstderr:\n${err}`)),
    );
  });
  const url = /^Callflow studio: (http:\/\/\S+)/.exec(readyLine)![1];
  return { child, url, readyLine, stdout: () => out, stderr: () => err, exited };
}

async function api(url: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGINT');
  return started.exited;
}

describe('npm start', () => {
  it('starts cold, runs the reference balance call, and stops cleanly on Ctrl-C', async () => {
    const started = await start();
    expect(started.readyLine).toMatch(
      /^Callflow studio: http:\/\/localhost:\d+ {2}\(log in as analyst@abc\.example \/ analyst-demo\)/,
    );
    console.log(`cold start: ${started.readyLine}`);

    const { token } = await api(started.url, 'POST', '/api/login', undefined, {
      email: 'analyst@abc.example',
      password: 'analyst-demo',
    });
    const { flows } = await api(started.url, 'GET', '/api/t/abc-internet/flows', token);
    expect(
      flows.map((f: { name: string; activeVersion: number }) => [f.name, f.activeVersion]),
    ).toContainEqual(['Поддержка АВС Интернет', 1]);

    const socket = new WebSocket(`${started.url.replace('http', 'ws')}/api/ws?tenant=abc-internet`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const simEvents: { type: string; text?: string; for?: string }[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.kind === 'sim') simEvents.push(message.event);
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const waitFor = async (what: string, test: () => boolean) => {
      const deadline = Date.now() + 90_000;
      while (!test()) {
        if (Date.now() > deadline)
          throw new Error(`${what} did not happen; events: ${JSON.stringify(simEvents)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const call = await api(started.url, 'POST', '/api/t/abc-internet/sim/calls', token, {
      from: '+380501234567',
      to: '0800300400',
    });
    const waits = () => simEvents.filter((e) => e.type === 'waiting' && e.for === 'keys').length;
    for (const [n, keys] of [
      [1, '3'],
      [2, '123456#'],
      [3, '1111#'],
    ] as const) {
      await waitFor(`request for keys ${n}`, () => waits() >= n);
      await api(started.url, 'POST', `/api/t/abc-internet/sim/calls/${call.id}/keys`, token, {
        digits: keys,
      });
    }
    await waitFor('the balance', () =>
      simEvents.some((e) => e.type === 'prompt' && e.text?.includes('На вашем личном счету 50 гривен')),
    );
    await waitFor('the end of the call', () => simEvents.some((e) => e.type === 'end'));
    socket.close();

    expect(await stop(started)).toBe(0);
    expect(started.stdout()).toMatch(/Stopping…\nStopped\.\n$/);
    expect(started.stderr()).not.toMatch(/\berror\b/i);
  }, 300_000);

  it('starts warm on the same data folder, nothing redeployed, and stops cleanly', async () => {
    const started = await start();
    console.log(`warm start: ${started.readyLine}`);
    expect(started.stdout()).toMatch(
      /flow {7}«Поддержка АВС Интернет» v1 answers 0800300400, \+380441234567\n/,
    );
    const { token } = await api(started.url, 'POST', '/api/login', undefined, {
      email: 'admin@abc.example',
      password: 'admin-demo',
    });
    const { versions } = await api(
      started.url,
      'GET',
      `/api/t/abc-internet/flows/${encodeURIComponent('Поддержка АВС Интернет')}/versions`,
      token,
    );
    expect(versions).toHaveLength(1);
    expect(await stop(started)).toBe(0);
  }, 300_000);
});
