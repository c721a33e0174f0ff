/**
 * Writing and reading finished calls. A call's row and its visited steps are written together; a
 * batch is one INSERT per table in one transaction, and re-sending a batch (after a lost connection,
 * when the first attempt may or may not have committed) inserts nothing twice.
 *
 * Why not `db.insert(callLog).values(rows)`: drizzle 0.45 spends ~0.35 ms of CPU per finished call
 * building a multi-row VALUES statement (22 + 5 × 7 parameters each), more than the database spends
 * storing it (see test/bench/store.bench.ts). The batch instead travels as ONE jsonb parameter
 * unpacked by jsonb_to_recordset; table, column names and SQL types still come from the drizzle schema.
 */
import { and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { CallRecord } from '../../call-log.ts';
import { type Db, sqlRows } from '../database.ts';
import {
  type CallLogRow,
  callLog,
  callSteps,
  type NewCallLogRow,
  type NewCallStepRow,
} from '../schema/calls.ts';

/** Rows per statement: keeps one jsonb parameter in the low megabytes. */
const MAX_ROWS = 5_000;

export function callRow(record: CallRecord): NewCallLogRow {
  return {
    callId: record.callId,
    tenantId: record.tenant,
    caller: record.caller,
    callerName: record.callerName,
    dialled: record.dialled,
    flowRef: record.flowId,
    flowName: record.flowName,
    flowVersion: record.flowVersion,
    startedAt: new Date(record.startedAt),
    answeredAt: record.answeredAt === null ? null : new Date(record.answeredAt),
    endedAt: new Date(record.endedAt),
    outcome: record.outcome,
    endedBy: record.endedBy,
    queue: record.queue?.name ?? null,
    queueResult: record.queue?.result ?? null,
    waitMs: record.queue?.waitMs ?? null,
    operator: record.operator,
    recordingRef: record.recording,
    transfers: record.transfers,
    custom: record.custom,
    keys: record.keys,
    errors: record.errors,
  };
}

export function stepRows(record: CallRecord): NewCallStepRow[] {
  return record.steps.map((step, seq) => ({
    callId: record.callId,
    tenantId: record.tenant,
    seq,
    step,
    line: null,
    event: 'enter',
    at: null,
  }));
}

/**
 * Inserts finished calls (of any tenants: each record names its own) and their steps in one
 * transaction. Returns how many calls were new.
 */
export async function insertCallBatch(db: Db, records: readonly CallRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const calls = records.map(callRow);
  const steps = records.flatMap(stepRows);
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const chunk of chunks(calls, MAX_ROWS)) {
      const [row] = await sqlRows<{ n: number }>(
        tx,
        sql`with inserted as (${recordsetInsert(callLog, chunk)} returning 1) select count(*)::int as n from inserted`,
      );
      inserted += row.n;
    }
    for (const chunk of chunks(steps, MAX_ROWS)) await tx.execute(recordsetInsert(callSteps, chunk));
    return inserted;
  });
}

/**
 * `INSERT INTO t (cols) SELECT cols FROM jsonb_to_recordset($1) … ON CONFLICT DO NOTHING`. Every row
 * must give every column a value (null where the column allows it): a missing key would insert NULL
 * rather than the column default.
 */
export function recordsetInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const columns = Object.entries(getTableColumns(table));
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, column] of columns) out[column.name] = (row as Record<string, unknown>)[key] ?? null;
      return out;
    }),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const types = sql.join(
    columns.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as r(${types}) on conflict do nothing`;
}

/** One call of one tenant, rebuilt in the runtime's shape. */
export async function getCall(db: Db, tenantId: string, callId: string): Promise<CallRecord | null> {
  const [row] = await db
    .select()
    .from(callLog)
    .where(and(eq(callLog.tenantId, tenantId), eq(callLog.callId, callId)));
  if (!row) return null;
  const steps = await db
    .select({ step: callSteps.step })
    .from(callSteps)
    .where(and(eq(callSteps.tenantId, tenantId), eq(callSteps.callId, callId)))
    .orderBy(asc(callSteps.seq));
  return callRecord(
    row,
    steps.map((s) => s.step),
  );
}

export function callRecord(row: CallLogRow, steps: string[]): CallRecord {
  return {
    callId: row.callId,
    tenant: row.tenantId,
    caller: row.caller,
    callerName: row.callerName,
    dialled: row.dialled,
    flowId: row.flowRef,
    flowName: row.flowName,
    flowVersion: row.flowVersion,
    startedAt: row.startedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt.toISOString(),
    steps,
    keys: row.keys,
    queue:
      row.queue === null ? null : { name: row.queue, waitMs: row.waitMs ?? 0, result: row.queueResult ?? '' },
    operator: row.operator,
    outcome: row.outcome,
    endedBy: row.endedBy,
    recording: row.recordingRef,
    transfers: row.transfers,
    custom: row.custom,
    errors: row.errors,
  };
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
