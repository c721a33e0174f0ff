/**
 * Flows, their immutable versions, deployments (a log with one active row per flow) and the dialled
 * numbers (DNIS) bound to flows. ARCHITECTURE decision 6: a stored version never changes — a trigger
 * in the migrations refuses UPDATE on flow_versions.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants-users.ts';

export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('flows_tenant_name_key').on(t.tenantId, t.name)],
);
export type Flow = typeof flows.$inferSelect;
export type NewFlow = typeof flows.$inferInsert;

export const flowVersions = pgTable(
  'flow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per flow. */
    number: integer('number').notNull(),
    source: text('source').notNull(),
    compiledCode: text('compiled_code').notNull(),
    sourceMap: jsonb('source_map').notNull(),
    /** FlowMeta of the compiled script (answers, steps, secrets …). */
    meta: jsonb('meta').notNull(),
    /** Warnings and infos of the check (a version with errors is never saved). */
    diagnostics: jsonb('diagnostics').notNull().default([]),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** SHA-256 of the source, hex. */
    sourceHash: text('source_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('flow_versions_flow_number_key').on(t.flowId, t.number),
    index('flow_versions_tenant_idx').on(t.tenantId),
  ],
);
export type FlowVersion = typeof flowVersions.$inferSelect;
export type NewFlowVersion = typeof flowVersions.$inferInsert;

export const DEPLOYMENT_KINDS = ['deploy', 'rollback'] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export const deployments = pgTable(
  'deployments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => flowVersions.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DeploymentKind>().notNull(),
    deployedBy: uuid('deployed_by').references(() => users.id, { onDelete: 'set null' }),
    deployedAt: timestamp('deployed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Exactly one active row per flow (partial unique index): the active pointer. */
    active: boolean('active').notNull().default(false),
  },
  (t) => [
    uniqueIndex('deployments_one_active_per_flow').on(t.flowId).where(sql`${t.active}`),
    index('deployments_tenant_flow_idx').on(t.tenantId, t.flowId, t.deployedAt),
  ],
);
export type Deployment = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;

export const dialledNumbers = pgTable(
  'dialled_numbers',
  {
    /** As the PBX presents it (DNIS); unique installation-wide so an incoming call finds its tenant. */
    number: text('number').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dialled_numbers_tenant_idx').on(t.tenantId, t.flowId)],
);
export type DialledNumber = typeof dialledNumbers.$inferSelect;
export type NewDialledNumber = typeof dialledNumbers.$inferInsert;
