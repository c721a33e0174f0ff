/**
 * Flows, immutable versions, deployment and rollback, and which version answers a dialled number.
 * Activation is one transaction: lock the flow, move the active pointer, log it, and NOTIFY
 * `callflow_deploy` so every runtime process picks the deployment up (deploy-notifications.ts).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { DEPLOY_CHANNEL, deployNotificationPayload } from '../deploy-notifications.ts';
import { auditLog } from '../schema/audit.ts';
import {
  type Deployment,
  type DeploymentKind,
  deployments,
  dialledNumbers,
  type Flow,
  type FlowVersion,
  flows,
  flowVersions,
} from '../schema/flows.ts';
import { StoreError } from '../store-error.ts';

export interface SaveVersionInput {
  flow: string;
  source: string;
  compiledCode: string;
  sourceMap: unknown;
  meta: unknown;
  /** Warnings/infos of the check; the caller refuses to save a flow with errors. */
  diagnostics?: unknown[];
  authorId?: string | null;
}

export function sourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/** Creates the flow on first use; returns it either way. */
export async function ensureFlow(db: Db, tenantId: string, name: string): Promise<Flow> {
  await db.insert(flows).values({ tenantId, name }).onConflictDoNothing();
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.tenantId, tenantId), eq(flows.name, name)));
  return flow;
}

export async function getFlow(db: Db, tenantId: string, name: string): Promise<Flow | null> {
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.tenantId, tenantId), eq(flows.name, name)));
  return flow ?? null;
}

export async function listFlows(db: Db, tenantId: string): Promise<Flow[]> {
  return db.select().from(flows).where(eq(flows.tenantId, tenantId)).orderBy(flows.name);
}

/** Stores a new immutable version numbered one past the flow's last (concurrent saves serialize on the flow row). */
export async function saveVersion(db: Db, tenantId: string, input: SaveVersionInput): Promise<FlowVersion> {
  const flow = await ensureFlow(db, tenantId, input.flow);
  return db.transaction(async (tx) => {
    await lockFlow(tx, flow.id);
    const [{ last }] = await tx
      .select({ last: max(flowVersions.number) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flow.id));
    const [version] = await tx
      .insert(flowVersions)
      .values({
        tenantId,
        flowId: flow.id,
        number: (last ?? 0) + 1,
        source: input.source,
        compiledCode: input.compiledCode,
        sourceMap: input.sourceMap,
        meta: input.meta,
        diagnostics: input.diagnostics ?? [],
        authorId: input.authorId ?? null,
        sourceHash: sourceHash(input.source),
      })
      .returning();
    return version;
  });
}

export interface VersionSummary {
  id: string;
  number: number;
  authorId: string | null;
  sourceHash: string;
  createdAt: Date;
  active: boolean;
}

/** Newest first, without source and code. */
export async function listVersions(db: Db, tenantId: string, flowName: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      id: flowVersions.id,
      number: flowVersions.number,
      authorId: flowVersions.authorId,
      sourceHash: flowVersions.sourceHash,
      createdAt: flowVersions.createdAt,
      activeId: deployments.id,
    })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .leftJoin(deployments, and(eq(deployments.versionId, flowVersions.id), eq(deployments.active, true)))
    .where(and(eq(flows.tenantId, tenantId), eq(flows.name, flowName)))
    .orderBy(desc(flowVersions.number));
  return rows.map(({ activeId, ...row }) => ({ ...row, active: activeId !== null }));
}

export async function getVersion(
  db: Db,
  tenantId: string,
  flowName: string,
  number: number,
): Promise<FlowVersion | null> {
  const [row] = await db
    .select({ version: flowVersions })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(and(eq(flows.tenantId, tenantId), eq(flows.name, flowName), eq(flowVersions.number, number)));
  return row?.version ?? null;
}

export async function getVersionById(db: Db, tenantId: string, id: string): Promise<FlowVersion | null> {
  const [version] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.tenantId, tenantId), eq(flowVersions.id, id)));
  return version ?? null;
}

export interface ActivateInput {
  flow: string;
  version: number;
  by?: string | null;
  kind?: DeploymentKind;
}

export interface Activation {
  deployment: Deployment;
  flow: Flow;
  version: FlowVersion;
  /** The version that was active before, if any. */
  previous: number | null;
}

/** Deploy or roll back: makes `version` the active one of `flow`, in one transaction. */
export async function activateVersion(db: Db, tenantId: string, input: ActivateInput): Promise<Activation> {
  return db.transaction(async (tx) => {
    const flow = await getFlow(tx, tenantId, input.flow);
    if (!flow) throw notFound(`flow "${input.flow}"`, `поток «${input.flow}»`);
    await lockFlow(tx, flow.id);
    const version = await getVersion(tx, tenantId, input.flow, input.version);
    if (!version) {
      throw notFound(
        `version ${input.version} of flow "${input.flow}"`,
        `версия ${input.version} потока «${input.flow}»`,
      );
    }
    const [previous] = await tx
      .update(deployments)
      .set({ active: false })
      .where(and(eq(deployments.flowId, flow.id), eq(deployments.active, true)))
      .returning({ versionId: deployments.versionId });
    const previousNumber = previous ? await versionNumber(tx, previous.versionId) : null;
    const kind = input.kind ?? 'deploy';
    const [deployment] = await tx
      .insert(deployments)
      .values({
        tenantId,
        flowId: flow.id,
        versionId: version.id,
        kind,
        deployedBy: input.by ?? null,
        active: true,
      })
      .returning();
    await tx.insert(auditLog).values({
      tenantId,
      userId: input.by ?? null,
      action: `flow.${kind}`,
      target: `flow:${flow.name}`,
      details: { version: version.number, previous: previousNumber },
    });
    // Delivered to every listener when (and only if) the transaction commits.
    const payload = deployNotificationPayload({ tenant: tenantId, flow: flow.name, version: version.number });
    await tx.execute(sql`select pg_notify(${DEPLOY_CHANNEL}, ${payload})`);
    return { deployment, flow, version, previous: previousNumber };
  });
}

/** Re-activates the version deployed before the current one. */
export async function rollbackFlow(
  db: Db,
  tenantId: string,
  flowName: string,
  by?: string | null,
): Promise<Activation> {
  const history = await listDeployments(db, tenantId, flowName);
  const current = history.find((d) => d.active);
  const before = history.find(
    (d) => !d.active && d.versionNumber !== current?.versionNumber && d.id < (current?.id ?? 0),
  );
  if (!current || !before) {
    throw new StoreError(
      'conflict',
      `Flow "${flowName}" has no earlier deployment to roll back to.`,
      `У потока «${flowName}» нет более раннего развёртывания для отката.`,
    );
  }
  return activateVersion(db, tenantId, {
    flow: flowName,
    version: before.versionNumber,
    by,
    kind: 'rollback',
  });
}

export type DeploymentEntry = Deployment & { versionNumber: number };

/** Newest first. */
export async function listDeployments(
  db: Db,
  tenantId: string,
  flowName: string,
): Promise<DeploymentEntry[]> {
  const rows = await db
    .select({ deployment: deployments, versionNumber: flowVersions.number })
    .from(deployments)
    .innerJoin(flows, eq(flows.id, deployments.flowId))
    .innerJoin(flowVersions, eq(flowVersions.id, deployments.versionId))
    .where(and(eq(flows.tenantId, tenantId), eq(flows.name, flowName)))
    .orderBy(desc(deployments.id));
  return rows.map((r) => ({ ...r.deployment, versionNumber: r.versionNumber }));
}

export interface ActiveFlow {
  tenantId: string;
  flowName: string;
  deploymentId: number;
  version: FlowVersion;
}

function activeFlowQuery(db: Db) {
  return db
    .select({
      tenantId: flows.tenantId,
      flowName: flows.name,
      deploymentId: deployments.id,
      version: flowVersions,
    })
    .from(flows)
    .innerJoin(deployments, and(eq(deployments.flowId, flows.id), eq(deployments.active, true)))
    .innerJoin(flowVersions, eq(flowVersions.id, deployments.versionId));
}

/** Every active version of a tenant (a runtime warms its sandboxes with these). */
export async function listActiveVersions(db: Db, tenantId: string): Promise<ActiveFlow[]> {
  return activeFlowQuery(db).where(eq(flows.tenantId, tenantId)).orderBy(flows.name);
}

export async function activeVersion(db: Db, tenantId: string, flowName: string): Promise<ActiveFlow | null> {
  const [row] = await activeFlowQuery(db).where(and(eq(flows.tenantId, tenantId), eq(flows.name, flowName)));
  return row ?? null;
}

/** The active version answering `number` within one tenant. */
export async function activeVersionForNumber(
  db: Db,
  tenantId: string,
  number: string,
): Promise<ActiveFlow | null> {
  const [row] = await activeFlowQuery(db)
    .innerJoin(dialledNumbers, eq(dialledNumbers.flowId, flows.id))
    .where(and(eq(dialledNumbers.tenantId, tenantId), eq(dialledNumbers.number, number)));
  return row ?? null;
}

/**
 * The one lookup that takes no tenant: an incoming call knows only the number it dialled, and a
 * number belongs to exactly one tenant (dialled_numbers.number is the primary key).
 */
export async function resolveDialledNumber(db: Db, number: string): Promise<ActiveFlow | null> {
  const [row] = await activeFlowQuery(db)
    .innerJoin(dialledNumbers, eq(dialledNumbers.flowId, flows.id))
    .where(eq(dialledNumbers.number, number));
  return row ?? null;
}

/** Points `number` at `flowName`; refuses a number another tenant owns. */
export async function bindNumber(db: Db, tenantId: string, number: string, flowName: string): Promise<void> {
  const flow = await ensureFlow(db, tenantId, flowName);
  const rows = await db
    .insert(dialledNumbers)
    .values({ number, tenantId, flowId: flow.id })
    .onConflictDoUpdate({
      target: dialledNumbers.number,
      set: { flowId: flow.id },
      setWhere: eq(dialledNumbers.tenantId, tenantId),
    })
    .returning({ number: dialledNumbers.number });
  if (rows.length === 0) {
    throw new StoreError(
      'conflict',
      `Number ${number} belongs to another tenant.`,
      `Номер ${number} принадлежит другому клиенту.`,
    );
  }
}

export async function listNumbers(db: Db, tenantId: string): Promise<{ number: string; flowName: string }[]> {
  return db
    .select({ number: dialledNumbers.number, flowName: flows.name })
    .from(dialledNumbers)
    .innerJoin(flows, eq(flows.id, dialledNumbers.flowId))
    .where(eq(dialledNumbers.tenantId, tenantId))
    .orderBy(dialledNumbers.number);
}

export async function unbindNumber(db: Db, tenantId: string, number: string): Promise<boolean> {
  const rows = await db
    .delete(dialledNumbers)
    .where(and(eq(dialledNumbers.tenantId, tenantId), eq(dialledNumbers.number, number)))
    .returning({ number: dialledNumbers.number });
  return rows.length > 0;
}

async function lockFlow(db: Db, flowId: string): Promise<void> {
  await db.select({ id: flows.id }).from(flows).where(eq(flows.id, flowId)).for('update');
}

async function versionNumber(db: Db, versionId: string): Promise<number | null> {
  const [row] = await db
    .select({ number: flowVersions.number })
    .from(flowVersions)
    .where(eq(flowVersions.id, versionId));
  return row?.number ?? null;
}

function notFound(what: string, whatRu: string): StoreError {
  return new StoreError('not-found', `Unknown ${what}.`, `Не найдено: ${whatRu}.`);
}
