/**
 * Presence rows of the ACD cluster on PostgreSQL: how a row reads as a `PresenceView`, how every
 * change is published (NOTIFY in the changing transaction, so the others hear of it exactly when it
 * commits), and the leases with which dead processes are found and recovered.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ClusterMessage, HandedOver, PresenceView, RecoveredNode } from '../acd/coordinator.ts';
import {
  type AcdOperatorPresenceRow,
  acdNodes,
  acdOperatorPresence as presence,
  acdWaitingCallers as waiting,
} from './schema/acd.ts';

/** Any drizzle PostgreSQL handle or transaction. */
export type AnyDb = PgDatabase<PgQueryResultHKT, any>;

/** The channel every process of the cluster LISTENs on (one per database; tests name their own). */
export const ACD_CHANNEL = 'callflow_acd';

export function presenceView(row: AcdOperatorPresenceRow): PresenceView {
  return {
    tenant: row.tenantId,
    operatorId: row.operatorId,
    state: row.state,
    takesCalls: row.takesCalls,
    skills: row.skills,
    queues: row.queues,
    callId: row.callId,
    node: row.node,
    claimedBy: row.claimedBy,
    extension: row.extension,
    endpoint: row.endpoint,
    version: row.version,
  };
}

/**
 * NOTIFY of changed rows, in the caller's transaction. Skills and queues stay out: a payload is
 * limited to 8000 bytes, and every process has the operators' memberships from the configuration.
 */
export async function publishRows(tx: AnyDb, channel: string, rows: AcdOperatorPresenceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payloads = rows.map((row) =>
    JSON.stringify({
      kind: 'presence',
      presence: { ...presenceView(row), skills: [], queues: [] },
    } satisfies ClusterMessage),
  );
  await tx.execute(sql`select pg_notify(${channel}, p) from unnest(${sql.param(payloads)}::text[]) as p`);
}

export async function publish(db: AnyDb, channel: string, message: ClusterMessage): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${JSON.stringify(message)})`);
}

/**
 * Renews the lease in database time (the processes' clocks may differ); false when there was none
 * (first start, or it ran out and was recovered).
 */
export async function renewLease(db: AnyDb, node: string, leaseMs: number): Promise<boolean> {
  const until = sql`now() + ${sql.param(leaseMs)} * interval '1 millisecond'`;
  const [row] = await db
    .insert(acdNodes)
    .values({ node, expiresAt: until })
    .onConflictDoUpdate({ target: acdNodes.node, set: { expiresAt: until } })
    .returning({ inserted: sql<boolean>`xmax = 0` });
  return !row.inserted;
}

/** Processes whose lease ran out, each locked by the one process recovering it. */
export async function deadNodes(tx: AnyDb): Promise<string[]> {
  const rows = await tx
    .select({ node: acdNodes.node })
    .from(acdNodes)
    .where(sql`${acdNodes.expiresAt} < now()`)
    .for('update', { skipLocked: true });
  return rows.map((r) => r.node);
}

/**
 * What a dead (or leaving) process held: its waiting callers leave the line (their channels were its
 * own); its operators lose their owner — those on one of its calls go NotReady, since nobody knows
 * whether they are at the phone; free ones keep their state, claimable by any process.
 */
export async function recoverNode(
  tx: AnyDb,
  channel: string,
  node: string,
  at: Date,
): Promise<RecoveredNode> {
  const callers = await tx
    .delete(waiting)
    .where(eq(waiting.node, node))
    .returning({ tenant: waiting.tenantId, callId: waiting.callId });
  const freed = await tx
    .update(presence)
    .set({
      state: sql`case when ${presence.callId} is null then ${presence.state} else 'NotReady' end`,
      takesCalls: sql`${presence.takesCalls} and ${presence.callId} is null`,
      callId: null,
      node: null,
      claimedBy: null,
      version: sql`${presence.version} + 1`,
      updatedAt: at,
    })
    .where(eq(presence.node, node))
    .returning();
  await publishRows(tx, channel, freed);
  await tx.delete(acdNodes).where(eq(acdNodes.node, node));
  return { node, callers, operators: freed.length };
}

/** Offers older than `olderThan` go back to waiting, their operators freed to NotReady (acd-coordinator-pg). */
export async function reclaimStaleOffers(
  tx: AnyDb,
  channel: string,
  olderThan: number,
  tenant: string | undefined,
  at: Date,
): Promise<number> {
  const stale = await tx
    .select({ tenantId: waiting.tenantId, callId: waiting.callId, operatorId: waiting.operatorId })
    .from(waiting)
    .where(
      and(
        eq(waiting.status, 'offered'),
        lt(waiting.offeredAt, new Date(olderThan)),
        tenant === undefined ? undefined : eq(waiting.tenantId, tenant),
      ),
    )
    .for('update', { skipLocked: true });
  for (const c of stale) {
    if (c.operatorId) {
      const freed = await tx
        .update(presence)
        .set({
          callId: null,
          claimedBy: null,
          state: 'NotReady',
          takesCalls: false,
          node: null,
          updatedAt: at,
          version: sql`${presence.version} + 1`,
        })
        .where(
          and(
            eq(presence.tenantId, c.tenantId),
            eq(presence.operatorId, c.operatorId),
            eq(presence.callId, c.callId),
          ),
        )
        .returning();
      await publishRows(tx, channel, freed);
    }
    await tx
      .update(waiting)
      .set({ status: 'waiting', operatorId: null, offeredAt: null })
      .where(and(eq(waiting.tenantId, c.tenantId), eq(waiting.callId, c.callId)));
  }
  return stale.length;
}

export async function callerRowStatus(
  db: AnyDb,
  tenant: string,
  callId: string,
): Promise<'waiting' | 'offered' | null> {
  const [row] = await db
    .select({ status: waiting.status })
    .from(waiting)
    .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId)));
  return row?.status ?? null;
}

/** Callers of `node` offered by another process's claim to an operator `node` now owns. */
export async function handedOverRows(db: AnyDb, node: string): Promise<HandedOver[]> {
  const rows = await db
    .select({ callId: waiting.callId, operator: presence })
    .from(waiting)
    .innerJoin(presence, and(eq(presence.tenantId, waiting.tenantId), eq(presence.callId, waiting.callId)))
    .where(and(eq(waiting.node, node), eq(waiting.status, 'offered'), eq(presence.node, node)));
  return rows.map((r) => ({
    tenant: r.operator.tenantId,
    callId: r.callId,
    operator: presenceView(r.operator),
  }));
}
