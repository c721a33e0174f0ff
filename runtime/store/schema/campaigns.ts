/**
 * Outbound survey campaigns (seed 001, reference scenario item 7) and their lists of numbers with
 * each number's outcome. A campaign runs one deployed survey version (flow_versions are immutable),
 * so its script never changes under it. The answers themselves go to survey_answers (customers.ts).
 */
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { flowVersions } from './flows.ts';
import { tenants, users } from './tenants-users.ts';

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    flowVersionId: uuid('flow_version_id')
      .notNull()
      .references(() => flowVersions.id, { onDelete: 'cascade' }),
    /** `operator` (the answered customer goes to an operator with the script) or `automated` (keypad). */
    mode: text('mode').$type<'operator' | 'automated'>().notNull(),
    /** Operator mode: the queue whose Ready operators take the calls (the survey group's queue). */
    queue: text('queue'),
    /** draft | running | paused | stopped | completed (runtime/dialer/campaign.ts). */
    status: text('status').notNull().default('draft'),
    startAt: timestamp('start_at', { withTimezone: true }),
    /** Daily window `HH:MM` in `timezone`; both null: any time of day. */
    windowFrom: text('window_from'),
    windowTo: text('window_to'),
    timezone: text('timezone').notNull(),
    maxConcurrent: integer('max_concurrent').notNull(),
    /** Operator mode: calls being set up per Ready operator. */
    pacingRatio: doublePrecision('pacing_ratio').notNull().default(1),
    retries: integer('retries').notNull(),
    retryIntervalSec: integer('retry_interval_sec').notNull(),
    ringTimeoutSec: integer('ring_timeout_sec').notNull(),
    callerId: text('caller_id'),
    /** `PJSIP/{number}@trunk`-like; null: the tenant's. */
    dialTemplate: text('dial_template'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaigns_tenant_name_key').on(t.tenantId, t.name),
    index('campaigns_running_idx').on(t.status).where(sql`${t.status} = 'running'`),
  ],
);
export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaignRow = typeof campaigns.$inferInsert;

export const campaignNumbers = pgTable(
  'campaign_numbers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Order in the uploaded list (1, 2, …). */
    position: integer('position').notNull(),
    number: text('number').notNull(),
    /** The customer with this phone, found at upload (the answers are stored with them). */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** pending | dialing | answered | completed | no-answer | busy | failed | retry-at */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastResult: text('last_result'),
    callId: text('call_id'),
    operatorId: uuid('operator_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_numbers_campaign_number_key').on(t.campaignId, t.number),
    index('campaign_numbers_campaign_position_idx').on(t.campaignId, t.position),
  ],
);
export type CampaignNumberRow = typeof campaignNumbers.$inferSelect;
export type NewCampaignNumberRow = typeof campaignNumbers.$inferInsert;
