/**
 * The built-in customer store: customers found by phone (ANI), accounts found by contract number with
 * a PIN hash (never the PIN: ARCHITECTURE decision 7), and survey answers kept with the customer.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants-users.ts';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** As imported, for display. */
    phone: text('phone').notNull(),
    /** runtime/data `phoneKey(phone)`: "+380…", "380…" and "0…" forms of one number match. */
    phoneKey: text('phone_key').notNull(),
    name: text('name').notNull(),
    vip: boolean('vip').notNull().default(false),
    /** Extra fields shown on the operator's customer card. */
    card: jsonb('card').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_tenant_phone_key').on(t.tenantId, t.phoneKey)],
);
export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomerRow = typeof customers.$inferInsert;

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    contract: text('contract').notNull(),
    /** `scrypt$N$r$p$salt$hash` (see queries/pin-hash-text.ts); the clear PIN is never stored. */
    pinHash: text('pin_hash').notNull(),
    /** numeric, read as a string so money keeps its cents exactly. */
    balance: numeric('balance', { precision: 14, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_tenant_contract_key').on(t.tenantId, t.contract),
    index('accounts_customer_idx').on(t.customerId).where(sql`${t.customerId} is not null`),
  ],
);
export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** Campaign or survey flow the question belongs to. */
    survey: text('survey').notNull(),
    question: text('question').notNull(),
    /** Typed answer: yes/no, a choice key, a number or text (an operator's note). */
    answer: jsonb('answer').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('survey_answers_tenant_customer_idx').on(t.tenantId, t.customerId),
    index('survey_answers_tenant_call_idx').on(t.tenantId, t.callId),
  ],
);
export type SurveyAnswer = typeof surveyAnswers.$inferSelect;
export type NewSurveyAnswer = typeof surveyAnswers.$inferInsert;
