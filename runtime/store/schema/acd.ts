/**
 * The ACD's shared state for several runtime processes on one PostgreSQL (runtime/acd/coordinator.ts
 * describes the claim protocol). Kept apart from the operators table: that one is the operator's
 * profile and chosen state; these rows are the live routing truth — who holds which call, and who
 * waits — written on every offer.
 */
import { sql } from 'drizzle-orm';
import {
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
    /** The process that claimed the operator last. */
    node: text('node'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.operatorId] }),
    // A call is held by one operator at most.
    uniqueIndex('acd_operator_presence_call_key')
      .on(t.tenantId, t.callId)
      .where(sql`${t.callId} is not null`),
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
