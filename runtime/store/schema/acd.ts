/**
 * The ACD's shared state for several runtime processes on one PostgreSQL (runtime/acd/coordinator.ts
 * describes the claim protocol). Kept apart from the operators table: that one is the operator's
 * profile and chosen state; these rows are the live routing truth — who holds which call, and who
 * waits — written on every offer.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const acdOperatorPresence = pgTable(
  'acd_operator_presence',
  {
    tenantId: text('tenant_id').notNull(),
    /** The routing core's operator id (operators.id in a stored deployment). */
    operatorId: text('operator_id').notNull(),
    state: text('state').notNull(),
    /** Logged in, in a state that takes calls, and not holding a call: claimable. */
    takesCalls: boolean('takes_calls').notNull().default(false),
    /** The call the operator holds (offered, talking, wrapping up); the claim sets it. */
    callId: text('call_id'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    queues: text('queues').array().notNull().default(sql`'{}'::text[]`),
    /** The process that owns the operator (holds their call, runs their state); null: none alive. */
    node: text('node'),
    /**
     * The process that made the current claim: when it is not `node`, the claim handed `node`'s
     * caller over, and `node` rings the operator and bridges.
     */
    claimedBy: text('claimed_by'),
    /** The workplace chosen at log-in, and the dial string it gives (any process can ring it). */
    extension: text('extension'),
    endpoint: text('endpoint'),
    /** Raised by every change; processes mirror a row only when it is newer than what they have. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.operatorId] }),
    // A call is held by one operator at most.
    uniqueIndex('acd_operator_presence_call_key')
      .on(t.tenantId, t.callId)
      .where(sql`${t.callId} is not null`),
    // Callers pull the operator free longest (claimFor).
    index('acd_operator_presence_free_idx')
      .on(t.tenantId, t.updatedAt)
      .where(sql`${t.takesCalls} and ${t.callId} is null`),
  ],
);
export type AcdOperatorPresenceRow = typeof acdOperatorPresence.$inferSelect;

export const ACD_CALLER_STATUSES = ['waiting', 'offered'] as const;
export type AcdCallerStatus = (typeof ACD_CALLER_STATUSES)[number];

export const acdWaitingCallers = pgTable(
  'acd_waiting_callers',
  {
    tenantId: text('tenant_id').notNull(),
    callId: text('call_id').notNull(),
    queue: text('queue').notNull(),
    priority: integer('priority').notNull().default(0),
    /** Arrival order; kept when an offer fails (the caller keeps its place), renewed on re-joining. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull(),
    /** The process whose PBX connection holds the caller's channel. */
    node: text('node').notNull(),
    status: text('status').$type<AcdCallerStatus>().notNull().default('waiting'),
    operatorId: text('operator_id'),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.callId] }),
    index('acd_waiting_callers_line_idx').on(t.tenantId, t.queue, t.status, t.priority.desc(), t.seq),
    index('acd_waiting_callers_offered_idx').on(t.status, t.offeredAt),
  ],
);
export type AcdWaitingCallerRow = typeof acdWaitingCallers.$inferSelect;

/**
 * One row per runtime process of the ACD cluster, renewed while it lives (runtime/acd/cluster.ts).
 * A process whose lease ran out is recovered by the others: its callers leave the line (their
 * channels died with it), its operators lose their owner.
 */
export const acdNodes = pgTable('acd_nodes', {
  node: text('node').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
export type AcdNodeRow = typeof acdNodes.$inferSelect;
