/**
 * The whole server wired as `npm start` wires it (studio/server/wire.ts), in process: the worker's
 * PGlite (test/store/db-fixture.ts, emptied first), the PBX simulator with the real ARI adapter over
 * loopback, the runtime and ACD, the demo tenant seeded and its examples deployed. Time is virtual
 * by default: `until()` moves it from timer to timer once the runtime, the ACD and the simulator
 * have settled. Requests go through `app.request()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../../../runtime/clock.ts';
import { RealClock, VirtualClock } from '../../../../runtime/clock.ts';
import { MemoryLogger } from '../../../../runtime/logger.ts';
import { settleIo } from '../../../../runtime/settle-io.ts';
import { TextOnlyTts } from '../../../../runtime/speech/text-only-tts.ts';
import { type Database, type Db, sqlRows } from '../../../../runtime/store/database.ts';
import { defaultServerConfig } from '../../../../studio/server/config.ts';
import { type Wired, wireServer } from '../../../../studio/server/wire.ts';
import { type PbxSimulator, startPbxSimulator } from '../../../../telephony/simulator/index.ts';
import { sharedPglite, truncateAll } from '../../../store/db-fixture.ts';

export const TEST_PIN_COST = { N: 1024, r: 8, p: 1 };
export const DEMO = 'abc-internet';

export interface HarnessOptions {
  /** Real time instead of virtual (a test that opens sockets and waits in real time). */
  realTime?: boolean;
  /** Runs on the database after it is emptied and before the server is wired (extra tenants). */
  prepare?: (db: Db) => Promise<void>;
  database?: Database;
}

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

export async function startServer(options: HarnessOptions = {}) {
  const database = options.database ?? (await sharedPglite());
  await truncateAll(database.db);
  await options.prepare?.(database.db);
  const speechDir = mkdtempSync(join(tmpdir(), 'callflow-server-test-'));
  let wired: Wired | null = null;
  let sim: PbxSimulator | null = null;
  let handled = -1;
  const clock: Clock = options.realTime
    ? new RealClock()
    : new VirtualClock({
        start: '2026-01-05T09:00:00Z',
        settle: () =>
          settleIo({
            busy: () => {
              const now = sim?.requestsHandled() ?? 0;
              const moved = now !== handled;
              handled = now;
              return moved || (wired?.runtime.busy() ?? false) || (wired?.acd.busy() ?? false);
            },
            quietMs: 4,
            maxWaitMs: 3_000,
          }),
      });
  sim = await startPbxSimulator({ clock, soundsDir: speechDir });
  const logger = new MemoryLogger();
  wired = await wireServer({
    config: defaultServerConfig({
      speechCacheDir: speechDir,
      webDist: join(speechDir, 'no-web-app'),
      bodyLimitBytes: 64 * 1024,
      pinCost: TEST_PIN_COST,
    }),
    database,
    clock,
    tts: new TextOnlyTts({ cacheDir: speechDir }),
    simulator: sim,
    logger,
    demo: true,
    pinCost: TEST_PIN_COST,
  });
  const server = wired;
  const simulator = sim;

  const h = {
    wired: server,
    app: server.app,
    db: database.db,
    database,
    sim: simulator,
    clock,
    logger,
    speechDir,
    async request(
      method: string,
      path: string,
      init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
    ): Promise<Reply> {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.raw !== undefined) body = init.raw;
      else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await server.app.request(path, { method, headers, body });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: response.status, json, text, headers: response.headers };
    },
    async login(email: string, password: string): Promise<string> {
      const reply = await h.request('POST', '/api/login', { body: { email, password } });
      if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${reply.text}`);
      return reply.json.token as string;
    },
    /** Signs in as the demo user of a role. */
    as(role: 'admin' | 'analyst' | 'supervisor' | 'operator'): Promise<string> {
      return h.login(`${role}@abc.example`, `${role}-demo`);
    },
    /** Moves virtual time from timer to timer until `done()` holds. */
    async until(done: () => boolean, limitMs = 3_600_000): Promise<void> {
      if (!(clock instanceof VirtualClock)) {
        const deadline = Date.now() + 60_000;
        while (!done()) {
          if (Date.now() > deadline) throw new Error('condition not reached in 60 s');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return;
      }
      await clock.advanceUntil(done, limitMs);
    },
    async close() {
      await server.close();
      await simulator.close();
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startServer>>;

/** Rows per table of the public schema. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sqlRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await sqlRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${tablename}"`));
    counts[tablename] = row.n;
  }
  return counts;
}

/**
 * Every row of every table as text (auth_tokens' last-use time aside: reading with a token touches
 * it), for "nothing stored changed" and "this secret is nowhere" checks.
 */
export async function tableContents(db: Db): Promise<Record<string, string>> {
  const tables = await sqlRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const contents: Record<string, string> = {};
  for (const { tablename } of tables) {
    const rows = await sqlRows<{ row: string }>(
      db,
      sql.raw(`select (to_jsonb(t) - 'last_used_at')::text as row from "${tablename}" t order by 1`),
    );
    contents[tablename] = rows.map((r) => r.row).join('\n');
  }
  return contents;
}
