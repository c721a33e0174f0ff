/**
 * The store benchmark's baselines: the same work as the store's queries, in plain SQL through the
 * same driver (no drizzle), plus drizzle's builder path that the store avoids for the call log.
 */
import type { CallRecord } from '../../../runtime/call-log.ts';
import type { Database } from '../../../runtime/store/database.ts';
import { callRow, stepRows } from '../../../runtime/store/queries/call-log.ts';
import { callLog, callSteps } from '../../../runtime/store/schema/calls.ts';

export type Query = (text: string, params: unknown[]) => Promise<unknown[]>;

/** The driver without drizzle: one transaction, raw parameterised statements. */
export function plainTransaction(database: Database): <T>(fn: (q: Query) => Promise<T>) => Promise<T> {
  const client = database.client;
  if (client.kind === 'pglite') {
    return (fn) =>
      client.pglite.transaction((tx) => fn(async (text, params) => (await tx.query(text, params)).rows));
  }
  return async (fn) => {
    const connection = await client.pool.connect();
    try {
      await connection.query('begin');
      const result = await fn(async (text, params) => (await connection.query(text, params)).rows);
      await connection.query('commit');
      return result;
    } catch (error) {
      await connection.query('rollback').catch(() => {});
      throw error;
    } finally {
      connection.release();
    }
  };
}

const CALL_COLUMNS = [
  'call_id',
  'tenant_id',
  'caller',
  'caller_name',
  'dialled',
  'flow_ref',
  'flow_name',
  'flow_version',
  'started_at',
  'answered_at',
  'ended_at',
  'outcome',
  'ended_by',
  'queue',
  'queue_result',
  'wait_ms',
  'operator',
  'recording_ref',
  'transfers',
  'custom',
  'keys',
  'errors',
];
const STEP_COLUMNS = ['call_id', 'tenant_id', 'seq', 'step', 'line', 'event', 'at'];

function placeholders(rows: number, columns: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    groups.push(`(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(',')})`);
  }
  return groups.join(',');
}

/** The baseline of insertCallBatch: the same two multi-row inserts in one transaction. */
export async function plainInsertCalls(
  tx: ReturnType<typeof plainTransaction>,
  records: CallRecord[],
): Promise<void> {
  await tx(async (q) => {
    const calls = records.map(callRow);
    const callParams = calls.flatMap((c) => [
      c.callId,
      c.tenantId,
      c.caller,
      c.callerName,
      c.dialled,
      c.flowRef,
      c.flowName,
      c.flowVersion,
      (c.startedAt as Date).toISOString(),
      c.answeredAt ? (c.answeredAt as Date).toISOString() : null,
      (c.endedAt as Date).toISOString(),
      c.outcome,
      c.endedBy,
      c.queue,
      c.queueResult,
      c.waitMs,
      c.operator,
      c.recordingRef,
      JSON.stringify(c.transfers),
      JSON.stringify(c.custom),
      JSON.stringify(c.keys),
      JSON.stringify(c.errors),
    ]);
    await q(
      `insert into call_log (${CALL_COLUMNS.join(',')}) values ${placeholders(calls.length, CALL_COLUMNS.length)} on conflict do nothing`,
      callParams,
    );
    const steps = records.flatMap(stepRows);
    const stepParams = steps.flatMap((s) => [s.callId, s.tenantId, s.seq, s.step, null, s.event, null]);
    await q(
      `insert into call_steps (${STEP_COLUMNS.join(',')}) values ${placeholders(steps.length, STEP_COLUMNS.length)} on conflict do nothing`,
      stepParams,
    );
  });
}

/** What the store would do with drizzle's builder: the same VALUES statement as the plain baseline. */
export async function builderInsertCalls(db: Database['db'], records: CallRecord[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(callLog).values(records.map(callRow)).onConflictDoNothing();
    await tx.insert(callSteps).values(records.flatMap(stepRows)).onConflictDoNothing();
  });
}

const CALL_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'integer',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'text',
  'text',
  'text',
  'text',
  'integer',
  'text',
  'text',
  'jsonb',
  'jsonb',
  'jsonb',
  'jsonb',
];
const STEP_TYPES = ['text', 'text', 'integer', 'text', 'integer', 'text', 'timestamptz'];

function recordsetText(table: string, columns: string[], types: string[]): string {
  const list = columns.join(', ');
  const typed = columns.map((c, i) => `${c} ${types[i]}`).join(', ');
  return `insert into ${table} (${list}) select ${list} from jsonb_to_recordset($1::jsonb) as r(${typed}) on conflict do nothing`;
}
const CALLS_RECORDSET = `with inserted as (${recordsetText('call_log', CALL_COLUMNS, CALL_TYPES).replace(' on conflict do nothing', ' on conflict do nothing returning 1')}) select count(*)::int as n from inserted`;
const STEPS_RECORDSET = recordsetText('call_steps', STEP_COLUMNS, STEP_TYPES);

/** The store's statement, hand-written: rows as one JSON parameter keyed by column name. */
export async function plainRecordsetCalls(
  tx: ReturnType<typeof plainTransaction>,
  records: CallRecord[],
): Promise<void> {
  await tx(async (q) => {
    const calls = records.map((r) => {
      const c = callRow(r);
      return {
        call_id: c.callId,
        tenant_id: c.tenantId,
        caller: c.caller,
        caller_name: c.callerName,
        dialled: c.dialled,
        flow_ref: c.flowRef,
        flow_name: c.flowName,
        flow_version: c.flowVersion,
        started_at: c.startedAt,
        answered_at: c.answeredAt,
        ended_at: c.endedAt,
        outcome: c.outcome,
        ended_by: c.endedBy,
        queue: c.queue,
        queue_result: c.queueResult,
        wait_ms: c.waitMs,
        operator: c.operator,
        recording_ref: c.recordingRef,
        transfers: c.transfers,
        custom: c.custom,
        keys: c.keys,
        errors: c.errors,
      };
    });
    await q(CALLS_RECORDSET, [JSON.stringify(calls)]);
    const steps = records.flatMap(stepRows).map((st) => ({
      call_id: st.callId,
      tenant_id: st.tenantId,
      seq: st.seq,
      step: st.step,
      line: null,
      event: st.event,
      at: null,
    }));
    await q(STEPS_RECORDSET, [JSON.stringify(steps)]);
  });
}

/** activateVersion's statements, hand-written. */
export async function plainDeploy(
  tx: ReturnType<typeof plainTransaction>,
  tenant: string,
  flowId: string,
  version: number,
  flow: string,
) {
  await tx(async (q) => {
    await q('select id from flows where tenant_id = $1 and name = $2', [tenant, flow]);
    await q('select id from flows where id = $1 for update', [flowId]);
    const [v] = (await q(
      'select fv.* from flow_versions fv join flows f on f.id = fv.flow_id where f.tenant_id = $1 and f.name = $2 and fv.number = $3',
      [tenant, flow, version],
    )) as { id: string }[];
    const prev = (await q(
      'update deployments set active = false where flow_id = $1 and active returning version_id',
      [flowId],
    )) as { version_id: string }[];
    if (prev[0]) await q('select number from flow_versions where id = $1', [prev[0].version_id]);
    await q(
      `insert into deployments (tenant_id, flow_id, version_id, kind, deployed_by, active) values ($1, $2, $3, 'deploy', null, true) returning *`,
      [tenant, flowId, v.id],
    );
    await q(
      `insert into audit_log (tenant_id, user_id, action, target, details) values ($1, null, 'flow.deploy', $2, $3)`,
      [tenant, `flow:${flow}`, JSON.stringify({ version })],
    );
    await q('select pg_notify($1, $2)', ['callflow_deploy_bench', `${tenant}:${flow}:${version}`]);
  });
}
