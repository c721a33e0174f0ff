/**
 * Queues, operators (agents), their skills and every state change they make (for efficiency reports:
 * seed 001 asks that each change be logged with a timestamp).
 */
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants-users.ts';

export const queues = pgTable(
  'queues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** language/workspace.ts `QueueConfig`. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('queues_tenant_name_key').on(t.tenantId, t.name)],
);
export type QueueRow = typeof queues.$inferSelect;
export type NewQueueRow = typeof queues.$inferInsert;

export const operators = pgTable(
  'operators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The extension chosen at log-in; null while logged out. */
    extension: text('extension'),
    /**
     * The operator's state, in the ACD's names (runtime/acd/operator-states.ts): the built-in
     * 'Ready', 'NotReady', 'Lunch', 'Break', 'Busy', 'WrapUp', 'LoggedOut', or a tenant's own.
     */
    state: text('state').notNull().default('LoggedOut'),
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operators_tenant_user_key').on(t.tenantId, t.userId)],
);
export type OperatorRow = typeof operators.$inferSelect;
export type NewOperatorRow = typeof operators.$inferInsert;

export const skills = pgTable(
  'skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('skills_tenant_name_key').on(t.tenantId, t.name)],
);
export type Skill = typeof skills.$inferSelect;
export type NewSkill = typeof skills.$inferInsert;

export const operatorSkills = pgTable(
  'operator_skills',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    /** 1 (basic) … 10 (expert): skills-weighted routing prefers higher levels. */
    level: integer('level').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.operatorId, t.skillId] }),
    index('operator_skills_skill_idx').on(t.skillId),
  ],
);
export type OperatorSkill = typeof operatorSkills.$inferSelect;
export type NewOperatorSkill = typeof operatorSkills.$inferInsert;

export const operatorStateLog = pgTable(
  'operator_state_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('operator_state_log_operator_idx').on(t.tenantId, t.operatorId, t.at),
    index('operator_state_log_tenant_at_idx').on(t.tenantId, t.at),
  ],
);
export type OperatorStateChange = typeof operatorStateLog.$inferSelect;
export type NewOperatorStateChange = typeof operatorStateLog.$inferInsert;
