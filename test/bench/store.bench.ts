/**
 * Store benchmark: call-log write throughput (finished calls, batched) and single deploy latency, on
 * PGlite and on PostgreSQL (when DATABASE_URL is set), each beside baselines in the same run, through
 * the same driver without drizzle and with the same batching:
 *   - plain VALUES: hand-written multi-row INSERT … VALUES ($1, …), the classic batch;
 *   - plain recordset: the very statement the store sends (one jsonb parameter), hand-written —
 *     the ratio to it is drizzle's own overhead;
 *   - and, for reference, drizzle's builder `db.insert(t).values(rows)`, which the store avoids.
 *
 *   npm run bench -- store            (BENCH_CALLS=20000 BENCH_BATCH=500 BENCH_DEPLOYS=100)
 *
 * Target: >= 500 finished calls/s on PostgreSQL with drizzle overhead < 1.5x.
 */
import { sql } from 'drizzle-orm';
import type { CallRecord } from '../../runtime/call-log.ts';
import { silentLogger } from '../../runtime/logger.ts';
import { BatchedCallLogWriter } from '../../runtime/store/batched-call-log-writer.ts';
import { type Database, openDatabase } from '../../runtime/store/database.ts';
import { listenForDeployments } from '../../runtime/store/deploy-notifications.ts';
import { insertCallBatch } from '../../runtime/store/queries/call-log.ts';
import { activateVersion, saveVersion } from '../../runtime/store/queries/flows.ts';
import { upsertTenant } from '../../runtime/store/queries/tenants-users.ts';
import {
  builderInsertCalls,
  plainDeploy,
  plainInsertCalls,
  plainRecordsetCalls,
  plainTransaction,
} from './store/baselines.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const DEPLOYS = Number(process.env.BENCH_DEPLOYS ?? 100);
const ROUNDS = 4;
const TENANT = `bench-${process.pid}`;

let callSeq = 0;
function makeCalls(n: number, tag: string): CallRecord[] {
  return Array.from({ length: n }, () => {
    const i = callSeq++;
    const started = Date.UTC(2026, 2, 2, 9) + i * 100;
    return {
      callId: `${TENANT}-${tag}-${i}`,
      tenant: TENANT,
      caller: `+38050${String(1_000_000 + (i % 50_000)).padStart(7, '0')}`,
      callerName: null,
      dialled: i % 2 ? '0800300400' : '+380441234567',
      flowId: 'support#bench',
      flowName: 'Поддержка',
      flowVersion: 3,
      startedAt: new Date(started).toISOString(),
      answeredAt: new Date(started + 400).toISOString(),
      endedAt: new Date(started + 95_000).toISOString(),
      steps: ['main', 'menu', 'balance', 'queue', 'wrap'],
      keys: ['3', '123456#', '••••#'],
      queue: { name: 'tech-support', waitMs: 30_000 + (i % 7) * 1_000, result: 'connected' },
      operator: `op-${i % 40}`,
      outcome: 'completed',
      endedBy: 'caller',
      recording: `rec-${i}`,
      transfers: [],
      custom: { reason: 'нет интернета', contract: '123456' },
      errors: [],
    };
  });
}

async function timeIt(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

interface Figures {
  backend: string;
  drizzleCallsPerSec: number;
  plainRecordsetCallsPerSec: number;
  plainValuesCallsPerSec: number;
  builderCallsPerSec: number;
  writerCallsPerSec: number;
  deployMedianMs: number;
  deployP95Ms: number;
  plainDeployMedianMs: number;
  pickupMedianMs: number | null;
}

async function benchBackend(database: Database): Promise<Figures> {
  const db = database.db;
  const tx = plainTransaction(database);
  await upsertTenant(db, { id: TENANT, name: 'Benchmark' });
  const perRound = Math.max(BATCH, Math.floor(CALLS / ROUNDS));

  type Side = 'drizzle' | 'plainRecordset' | 'plainValues' | 'builder';
  const sides: Record<Side, (batch: CallRecord[]) => Promise<unknown>> = {
    drizzle: (batch) => insertCallBatch(db, batch),
    plainRecordset: (batch) => plainRecordsetCalls(tx, batch),
    plainValues: (batch) => plainInsertCalls(tx, batch),
    builder: (batch) => builderInsertCalls(db, batch),
  };
  const ms: Record<Side, number[]> = { drizzle: [], plainRecordset: [], plainValues: [], builder: [] };
  for (const [side, insert] of Object.entries(sides)) await insert(makeCalls(BATCH, `warm-${side}`)); // plans, JIT, pool

  // Rounds in rotating order so no side always runs first or last on a shared machine; the best counts.
  const entries = Object.entries(sides) as [Side, (batch: CallRecord[]) => Promise<unknown>][];
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)];
    for (const [side, insert] of order) {
      const calls = makeCalls(perRound, `${side}${round}`);
      ms[side].push(
        await timeIt(async () => {
          for (let i = 0; i < calls.length; i += BATCH) await insert(calls.slice(i, i + BATCH));
        }),
      );
    }
  }

  // End to end through the writer: calls arrive, batches flush by size, close() drains the rest.
  const writer = new BatchedCallLogWriter(db, { maxRows: BATCH, flushEveryMs: 100, logger: silentLogger });
  const forWriter = makeCalls(perRound, 'w');
  const writerMs = await timeIt(async () => {
    for (const call of forWriter) await writer.write(call);
    const left = await writer.close();
    if (left.length > 0) throw new Error(`writer left ${left.length} calls`);
  });

  const deploy = await benchDeploy(database, tx);
  await cleanUp(database);
  const best = (ms: number[]) => (perRound / Math.min(...ms)) * 1_000;
  return {
    backend: database.kind,
    drizzleCallsPerSec: best(ms.drizzle),
    plainRecordsetCallsPerSec: best(ms.plainRecordset),
    plainValuesCallsPerSec: best(ms.plainValues),
    builderCallsPerSec: best(ms.builder),
    writerCallsPerSec: (perRound / writerMs) * 1_000,
    ...deploy,
  };
}

/** activateVersion vs the same statements in plain SQL; on PostgreSQL also the LISTEN pick-up time. */
async function benchDeploy(database: Database, tx: ReturnType<typeof plainTransaction>) {
  const db = database.db;
  const flow = 'Поддержка';
  const source = 'say "x"\n'.repeat(200);
  for (let v = 0; v < 2; v++) {
    await saveVersion(db, TENANT, {
      flow,
      source: `${source}// ${v}`,
      compiledCode: 'x'.repeat(20_000),
      sourceMap: { version: 3, mappings: 'AAAA'.repeat(500) },
      meta: { id: flow },
    });
  }
  const [{ id: flowId }] = (await tx((q) =>
    q('select id from flows where tenant_id = $1 and name = $2', [TENANT, flow]),
  )) as { id: string }[];
  const other =
    database.kind === 'postgres'
      ? await openDatabase({
          url: database.client.kind === 'postgres' ? database.client.url : '',
          logger: silentLogger,
          poolSize: 1,
        })
      : null;
  let heard: (() => void) | null = null;
  const listener = other ? await listenForDeployments(other, () => heard?.()) : null;

  const drizzleMs: number[] = [];
  const plainMs: number[] = [];
  const pickupMs: number[] = [];
  for (let i = 0; i < DEPLOYS; i++) {
    const version = (i % 2) + 1;
    const picked = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const start = performance.now();
    await activateVersion(db, TENANT, { flow, version });
    drizzleMs.push(performance.now() - start);
    if (listener) {
      await picked;
      pickupMs.push(performance.now() - start);
    }
    plainMs.push(await timeIt(() => plainDeploy(tx, TENANT, flowId, version === 1 ? 2 : 1, flow)));
  }
  await listener?.close();
  await other?.close();
  return {
    deployMedianMs: median(drizzleMs),
    deployP95Ms: pct(drizzleMs, 95),
    plainDeployMedianMs: median(plainMs),
    pickupMedianMs: pickupMs.length > 0 ? median(pickupMs) : null,
  };
}

async function cleanUp(database: Database): Promise<void> {
  await database.db.execute(sql`delete from tenants where id = ${TENANT}`);
}

function report(f: Figures): void {
  const overhead = f.plainRecordsetCallsPerSec / f.drizzleCallsPerSec;
  const row = (label: string, perSec: number, note = '') =>
    console.log(`  ${label.padEnd(38)} ${perSec.toFixed(0).padStart(7)} calls/s${note}`);
  const ratio = (a: number, b: number) => `  (${(b / a).toFixed(2)}x the time of plain VALUES)`;
  console.log(`\n### ${f.backend}`);
  console.log(
    `call log, batches of ${BATCH} (each call = 1 call row + 5 step rows, one transaction per batch):`,
  );
  row(
    'store: insertCallBatch (drizzle)',
    f.drizzleCallsPerSec,
    ratio(f.drizzleCallsPerSec, f.plainValuesCallsPerSec),
  );
  row('baseline: plain recordset (same SQL)', f.plainRecordsetCallsPerSec);
  row('baseline: plain multi-row VALUES', f.plainValuesCallsPerSec);
  row(
    'drizzle builder .values() (avoided)',
    f.builderCallsPerSec,
    ratio(f.builderCallsPerSec, f.plainValuesCallsPerSec),
  );
  console.log(`  drizzle overhead on the same statement: ${overhead.toFixed(2)}x  (target < 1.5x)`);
  row('BatchedCallLogWriter end to end', f.writerCallsPerSec);
  console.log(`deploy (activateVersion, ${DEPLOYS} runs):`);
  console.log(`  drizzle median / p95      ${f.deployMedianMs.toFixed(2)} / ${f.deployP95Ms.toFixed(2)} ms`);
  console.log(
    `  plain SQL median          ${f.plainDeployMedianMs.toFixed(2)} ms  (ratio ${(f.deployMedianMs / f.plainDeployMedianMs).toFixed(2)}x)`,
  );
  if (f.pickupMedianMs !== null)
    console.log(`  picked up by another process (LISTEN), median ${f.pickupMedianMs.toFixed(2)} ms`);
  if (f.backend === 'postgres') {
    const ok = f.drizzleCallsPerSec >= 500 && overhead < 1.5;
    console.log(`  target (>= 500 calls/s, overhead < 1.5x): ${ok ? 'met' : 'NOT met'}`);
  }
}

export async function run(): Promise<void> {
  console.log(`store bench: ${CALLS} calls per side, batches of ${BATCH}, ${DEPLOYS} deploys`);
  const pglite = await openDatabase({ dataDir: 'memory://', logger: silentLogger });
  try {
    report(await benchBackend(pglite));
  } finally {
    await pglite.close();
  }
  if (!process.env.DATABASE_URL) {
    console.warn('PostgreSQL bench skipped: DATABASE_URL not set');
    return;
  }
  const postgres = await openDatabase({ url: process.env.DATABASE_URL, logger: silentLogger });
  try {
    report(await benchBackend(postgres));
  } finally {
    await postgres.close();
  }
}
