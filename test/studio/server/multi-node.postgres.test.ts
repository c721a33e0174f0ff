/**
 * Several runtime processes on one PostgreSQL (ARCHITECTURE decision 6): two complete servers, each
 * with its own connection pool, deploy listener, runtime and PBX simulator. A deployment or rollback
 * made through either one is running on both within a second, and a call to the other node runs
 * the new version. Needs DATABASE_URL (PostgreSQL 15+); without it the suite says so loudly and skips.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import { openDatabase } from '../../../runtime/store/database.ts';
import { defaultServerConfig } from '../../../studio/server/config.ts';
import { type Wired, wireServer } from '../../../studio/server/wire.ts';
import { truncateAll } from '../../store/db-fixture.ts';
import { DEMO, TEST_PIN_COST } from './support/server-harness.ts';

const DATABASE_URL = process.env.DATABASE_URL;
/** A database of its own: the store's PostgreSQL suite empties callflow_test between its tests. */
const DB_NAME = 'callflow_server_test';

if (!DATABASE_URL) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!! SKIPPED: test/studio/server/multi-node.postgres.test.ts — DATABASE_URL is not set.       !!',
      '!! Hot deploy across runtime processes is NOT tested. Run it with PostgreSQL:              !!',
      '!!   pg_ctlcluster 15 main start                                                           !!',
      '!!   DATABASE_URL="postgres://postgres@/callflow_test?host=/var/run/postgresql" npx vitest run test/studio/server',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

const NAME = 'Узлы';
const NUMBER = '0800222000';
const source = (n: number) =>
  `flow "${NAME}"\n  answers "${NUMBER}"\n  language ru\n\n  say "Узел, версия ${n}."\n  hangup\n`;

/** The same server, another database (socket URLs like postgres://u@/db?host=/run have no host: no URL parser). */
function siblingDatabase(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^/?]*\/)[^?]*/i, `$1${DB_NAME}`);
}

async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (found.rowCount === 0) await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!DATABASE_URL)('two runtime processes on one PostgreSQL', () => {
  let a: Wired;
  let b: Wired;
  const eventsB: CallEvent[] = [];

  async function node(url: string, demo: boolean): Promise<Wired> {
    const speechDir = mkdtempSync(join(tmpdir(), 'callflow-node-'));
    return wireServer({
      config: defaultServerConfig({
        speechCacheDir: speechDir,
        webDist: join(speechDir, 'none'),
        pinCost: TEST_PIN_COST,
      }),
      databaseUrl: url,
      tts: new TextOnlyTts({ cacheDir: speechDir }),
      pbx: { kind: 'simulator', port: 0 },
      logger: new MemoryLogger(),
      demo,
      pinCost: TEST_PIN_COST,
    });
  }

  beforeAll(async () => {
    await ensureDatabase(DATABASE_URL!);
    const url = siblingDatabase(DATABASE_URL!);
    const fresh = await openDatabase({ url, logger: new MemoryLogger() });
    await truncateAll(fresh.db);
    await fresh.close();
    a = await node(url, true);
    b = await node(url, false);
    b.runtime.events.on((e) => eventsB.push(e));
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function login(w: Wired): Promise<string> {
    const reply = await w.app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@abc.example', password: 'admin-demo' }),
    });
    return ((await reply.json()) as { token: string }).token;
  }

  async function post(w: Wired, token: string, path: string, body: unknown) {
    const reply = await w.app.request(`/api/t/${DEMO}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(reply.status, await reply.clone().text()).toBeLessThan(300);
    return reply.json();
  }

  /** Real milliseconds until `node` routes new calls to `version`. */
  async function msUntilActive(w: Wired, version: number): Promise<number> {
    const started = performance.now();
    while (w.deployments.activeHere(DEMO, NAME)?.version !== version) {
      if (performance.now() - started > 5_000) return Number.POSITIVE_INFINITY;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  }

  it('loads what was deployed before it started', () => {
    expect(b.deployments.activeHere(DEMO, 'Поддержка АВС Интернет')?.version).toBe(1);
  });

  it('switches both nodes within a second, whichever node deploys or rolls back', async () => {
    const tokenA = await login(a);
    const tokenB = await login(b);
    const flow = `/flows/${encodeURIComponent(NAME)}`;

    const took: number[] = [];
    const switched = async (w: Wired, version: number) => {
      const ms = await msUntilActive(w, version);
      took.push(ms);
      expect(ms).toBeLessThan(1_000);
    };
    await post(a, tokenA, `${flow}/deploy`, { source: source(1) });
    await switched(b, 1);

    await post(a, tokenA, `${flow}/deploy`, { source: source(2) });
    expect(a.deployments.activeHere(DEMO, NAME)?.version).toBe(2);
    await switched(b, 2);

    await post(b, tokenB, `${flow}/deploy`, { source: source(3) });
    expect(b.deployments.activeHere(DEMO, NAME)?.version).toBe(3);
    await switched(a, 3);

    await post(a, tokenA, `${flow}/rollback`, {});
    expect(a.deployments.activeHere(DEMO, NAME)?.version).toBe(2);
    await switched(b, 2);
    console.log(
      `other node switched after ${took.map((ms) => ms.toFixed(1)).join(', ')} ms (after the deploying node answered)`,
    );

    // A call reaching node B now runs version 2.
    const call = b.simulator!.control.placeCall({ from: '+380501234567', to: NUMBER });
    await call.waitFor((e) => e.kind === 'hangup');
    const started = eventsB.find((e) => e.type === 'call-started' && e.channelId === call.id);
    const heard = eventsB.flatMap((e) =>
      e.callId === started?.callId && e.type === 'prompt' ? [e.text] : [],
    );
    expect(heard).toEqual(['Узел, версия 2.']);
  }, 120_000);
});
