/**
 * The call log (one row per finished call, including callers who hung up unanswered), the steps each
 * call visited, and recordings. These rows are history: they keep no foreign keys to flows or
 * operators, so deleting an operator or a flow never rewrites what happened.
 */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CallError, CallOutcome, CallRecord } from '../../call-log.ts';
import { tenants } from './tenants-users.ts';

export const callLog = pgTable(
  'call_log',
  {
    callId: text('call_id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    caller: text('caller').notNull(),
    callerName: text('caller_name'),
    dialled: text('dialled').notNull(),
    /** FlowMeta id (flow name + source hash), the flow's name and its version number. */
    flowRef: text('flow_ref').notNull(),
    flowName: text('flow_name').notNull(),
    flowVersion: integer('flow_version').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    outcome: text('outcome').$type<CallOutcome>().notNull(),
    endedBy: text('ended_by').$type<CallRecord['endedBy']>().notNull(),
    queue: text('queue'),
    queueResult: text('queue_result'),
    waitMs: integer('wait_ms'),
    operator: text('operator'),
    recordingRef: text('recording_ref'),
    transfers: jsonb('transfers').$type<CallRecord['transfers']>().notNull().default([]),
    custom: jsonb('custom').$type<CallRecord['custom']>().notNull().default({}),
    /** Keys per collection, secret digits already masked as '•' by the runtime. */
    keys: jsonb('keys').$type<string[]>().notNull().default([]),
    errors: jsonb('errors').$type<CallError[]>().notNull().default([]),
  },
  (t) => [
    // Every search is "one tenant, newest first", narrowed by one field: one index per filter.
    index('call_log_tenant_started_idx').on(t.tenantId, t.startedAt.desc(), t.callId.desc()),
    index('call_log_tenant_caller_idx').on(t.tenantId, t.caller, t.startedAt.desc()),
    index('call_log_tenant_dialled_idx').on(t.tenantId, t.dialled, t.startedAt.desc()),
    index('call_log_tenant_outcome_idx').on(t.tenantId, t.outcome, t.startedAt.desc()),
    index('call_log_tenant_operator_idx').on(t.tenantId, t.operator, t.startedAt.desc()),
    index('call_log_tenant_queue_idx').on(t.tenantId, t.queue, t.startedAt.desc()),
  ],
);
export type CallLogRow = typeof callLog.$inferSelect;
export type NewCallLogRow = typeof callLog.$inferInsert;

export const callSteps = pgTable(
  'call_steps',
  {
    callId: text('call_id')
      .notNull()
      .references(() => callLog.callId, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull(),
    seq: integer('seq').notNull(),
    step: text('step').notNull(),
    /** DSL line, when the runtime reports one. */
    line: integer('line'),
    /** 'enter' for a visited named step; room for finer trace events. */
    event: text('event').notNull().default('enter'),
    at: timestamp('at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.callId, t.seq] })],
);
export type CallStepRow = typeof callSteps.$inferSelect;
export type NewCallStepRow = typeof callSteps.$inferInsert;

export const recordings = pgTable(
  'recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    /** The PBX's recording name (what `recording:` media plays back). */
    name: text('name').notNull(),
    format: text('format').notNull().default('wav'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms'),
    sizeBytes: integer('size_bytes'),
  },
  (t) => [index('recordings_tenant_call_idx').on(t.tenantId, t.callId)],
);
export type Recording = typeof recordings.$inferSelect;
export type NewRecording = typeof recordings.$inferInsert;
