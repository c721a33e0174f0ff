/**
 * The ACD claim protocol (runtime/acd/coordinator.ts) on PostgreSQL, for several runtime processes
 * sharing one database. The two guarantees and what gives them:
 * - one operator, one call: the claim is a single conditional UPDATE of the operator's presence row
 *   (`… WHERE takes_calls AND call_id IS NULL RETURNING`); PostgreSQL re-checks the condition after
 *   waiting for a competing writer, so exactly one claimer gets the row. A partial unique index on
 *   (tenant, call_id) also refuses one call held by two operators.
 * - no lost or doubly served caller: the caller's row is locked `FOR UPDATE` in the same
 *   transaction and moves `waiting` → `offered` only if the operator UPDATE succeeded; a failed offer
 *   moves it back with its old `seq`; it is deleted only when answered, or by a hang-up while waiting.
 * The queries that take "the best" (`claimNext`, `claimFor`) lock with SKIP LOCKED: a process never
 * waits for another's claim in progress (no lock convoy), it takes the next one. Transactions that
 * wait for locks take a caller's row before an operator's (claim, requeue, recovery), so none waits
 * in a circle (no deadlock).
 * Every presence change is published in its transaction (acd-presence-pg.ts); `subscribe` LISTENs.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type {
  ClaimedCaller,
  ClaimOutcome,
  ClusterCoordinator,
  ClusterMessage,
  HandedOver,
  OperatorPresence,
  OperatorRequestMessage,
  PresenceView,
  RecoveredNode,
  WaitingRecord,
  Workplace,
} from '../acd/coordinator.ts';
import type { Logger } from '../logger.ts';
import {
  ACD_CHANNEL,
  type AnyDb,
  callerRowStatus,
  deadNodes,
  handedOverRows,
  presenceView,
  publish,
  publishRows,
  reclaimStaleOffers,
  recoverNode,
  renewLease,
} from './acd-presence-pg.ts';
import { listenToCluster } from './pg-channel-listener.ts';
import { acdOperatorPresence as presence, acdWaitingCallers as waiting } from './schema/acd.ts';

export interface PgAcdCoordinatorOptions {
  /** The NOTIFY channel (default `callflow_acd`; tests running side by side name their own). */
  channel?: string;
  /** The database URL `subscribe` LISTENs on (a connection of its own). */
  listenUrl?: string;
  logger?: Logger;
}

const bump = { version: sql`${presence.version} + 1` }; // every change raises the version

export class PgAcdCoordinator implements ClusterCoordinator {
  private readonly channel: string;

  constructor(
    private readonly db: AnyDb,
    private readonly now: () => number = Date.now,
    private readonly options: PgAcdCoordinatorOptions = {},
  ) {
    this.channel = options.channel ?? ACD_CHANNEL;
  }

  putOperator(p: OperatorPresence): Promise<void> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(presence)
        .values(this.newRow(p))
        .onConflictDoUpdate({
          target: [presence.tenantId, presence.operatorId],
          set: {
            skills: p.skills,
            queues: p.queues,
            // A held call keeps its state until released.
            state: sql`case when ${presence.callId} is null then excluded.state else ${presence.state} end`,
            takesCalls: sql`case when ${presence.callId} is null then excluded.takes_calls else false end`,
            updatedAt: this.at(),
            ...bump,
          },
        })
        .returning();
      await publishRows(tx, this.channel, rows);
    });
  }

  joinOperator(p: OperatorPresence): Promise<PresenceView> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(presence)
        .values(this.newRow(p))
        .onConflictDoUpdate({
          target: [presence.tenantId, presence.operatorId],
          set: { skills: p.skills, queues: p.queues, ...bump },
        })
        .returning();
      await publishRows(tx, this.channel, rows);
      return presenceView(rows[0]);
    });
  }

  async presence(tenant: string): Promise<PresenceView[]> {
    const rows = await this.db.select().from(presence).where(eq(presence.tenantId, tenant));
    return rows.map(presenceView);
  }

  setOperatorState(
    tenant: string,
    operatorId: string,
    state: string,
    takesCalls: boolean,
    workplace?: Workplace,
  ): Promise<boolean> {
    return this.change(
      { state, takesCalls, ...workplace },
      and(eq(presence.tenantId, tenant), eq(presence.operatorId, operatorId), isNull(presence.callId)),
    ).then((rows) => rows > 0);
  }

  async addCaller(r: WaitingRecord): Promise<void> {
    const row = {
      tenantId: r.tenant,
      callId: r.callId,
      queue: r.queue,
      priority: r.priority,
      skills: r.skills,
      enqueuedAt: new Date(r.enqueuedAt),
      node: r.node,
      status: 'waiting' as const,
      operatorId: null,
      offeredAt: null,
    };
    // Joining again (overflow, transfer) replaces the row and takes a new place in line.
    const { tenantId: _t, callId: _c, ...again } = row;
    await this.db
      .insert(waiting)
      .values(row)
      .onConflictDoUpdate({
        target: [waiting.tenantId, waiting.callId],
        set: { ...again, seq: sql`default` },
      });
  }

  async removeCaller(tenant: string, callId: string): Promise<boolean> {
    const rows = await this.db
      .delete(waiting)
      .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId), eq(waiting.status, 'waiting')))
      .returning({ id: waiting.callId });
    return rows.length > 0;
  }

  claim(
    tenant: string,
    operatorId: string,
    callId: string,
    node: string,
    direct = false,
  ): Promise<ClaimOutcome> {
    return this.db.transaction(async (tx) => {
      // This caller and no other: wait for a transaction holding its row (a requeue) to finish.
      if (!direct && !(await this.lockWaiting(tx, tenant, callId, false))) return 'caller-unavailable';
      const held = await this.hold(tx, this.free(tenant, operatorId), callId, node, node);
      if (!held) return 'operator-unavailable';
      if (!direct) await this.markOffered(tx, tenant, callId, operatorId);
      return 'claimed';
    });
  }

  claimNext(tenant: string, operatorId: string, node: string): Promise<ClaimedCaller | null> {
    return this.db.transaction(async (tx) => {
      const [op] = await tx.select().from(presence).where(this.free(tenant, operatorId)).for('update');
      if (!op || op.queues.length === 0) return null;
      const [caller] = await tx
        .select()
        .from(waiting)
        .where(
          and(
            eq(waiting.tenantId, tenant),
            eq(waiting.status, 'waiting'),
            inArray(waiting.queue, op.queues),
            sql`${waiting.skills} <@ ${sql.param(op.skills)}::text[]`,
          ),
        )
        .orderBy(desc(waiting.priority), asc(waiting.seq))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!caller) return null;
      // The operator now belongs to the process holding the caller.
      await this.hold(tx, this.of(tenant, operatorId), caller.callId, caller.node, node);
      await this.markOffered(tx, tenant, caller.callId, operatorId);
      return {
        tenant,
        callId: caller.callId,
        queue: caller.queue,
        priority: caller.priority,
        skills: caller.skills,
        enqueuedAt: caller.enqueuedAt.getTime(),
        node: caller.node,
        operatorId,
      };
    });
  }

  claimFor(tenant: string, callId: string, node: string): Promise<PresenceView | null> {
    return this.db.transaction(async (tx) => {
      const caller = await this.lockWaiting(tx, tenant, callId, true);
      if (!caller) return null;
      const [op] = await tx
        .select({ operatorId: presence.operatorId })
        .from(presence)
        .where(
          and(
            eq(presence.tenantId, tenant),
            eq(presence.takesCalls, true),
            isNull(presence.callId),
            isNotNull(presence.endpoint),
            sql`${caller.queue} = any(${presence.queues})`,
            sql`${sql.param(caller.skills)}::text[] <@ ${presence.skills}`,
          ),
        )
        .orderBy(asc(presence.updatedAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!op) return null;
      const held = await this.hold(tx, this.of(tenant, op.operatorId), callId, node, node);
      if (!held) return null;
      await this.markOffered(tx, tenant, callId, op.operatorId);
      return held;
    });
  }

  takeOperator(
    tenant: string,
    operatorId: string,
    node: string,
    next: { state: string; takesCalls: boolean } & Workplace,
  ): Promise<{ taken: true; before: PresenceView } | { taken: false; holder: string | null }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(presence).where(this.of(tenant, operatorId)).for('update');
      if (!row) return { taken: false, holder: null };
      // In wrap-up the owner still runs their call (its timer, a chosen state ends it).
      if (row.callId !== null || row.state === 'WrapUp') return { taken: false, holder: row.node };
      const changed = await tx
        .update(presence)
        .set({ ...next, node, updatedAt: this.at(), ...bump })
        .where(this.of(tenant, operatorId))
        .returning();
      await publishRows(tx, this.channel, changed);
      return { taken: true, before: presenceView(row) };
    });
  }

  requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // The caller's row first, as every claim locks them: no two transactions wait on each other.
      await tx
        .update(waiting)
        .set({ status: 'waiting', operatorId: null, offeredAt: null })
        .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId)));
      const freed = await tx
        .update(presence)
        .set({ callId: null, claimedBy: null, state, takesCalls, updatedAt: this.at(), ...bump })
        .where(and(eq(presence.tenantId, tenant), eq(presence.callId, callId)))
        .returning();
      await publishRows(tx, this.channel, freed);
      return freed.length > 0;
    });
  }

  async dropCaller(tenant: string, callId: string): Promise<void> {
    await this.db.delete(waiting).where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId)));
  }

  async release(
    tenant: string,
    operatorId: string,
    callId: string,
    state: string,
    takesCalls: boolean,
    workplace?: Workplace,
  ): Promise<void> {
    await this.change(
      { callId: null, claimedBy: null, state, takesCalls, ...workplace },
      and(this.of(tenant, operatorId), or(eq(presence.callId, callId), isNull(presence.callId))),
    );
  }

  reclaimStale(olderThan: number, tenant?: string): Promise<number> {
    return this.db.transaction((tx) => reclaimStaleOffers(tx, this.channel, olderThan, tenant, this.at()));
  }

  callerStatus(tenant: string, callId: string): Promise<'waiting' | 'offered' | null> {
    return callerRowStatus(this.db, tenant, callId);
  }

  handedOverTo(node: string): Promise<HandedOver[]> {
    return handedOverRows(this.db, node);
  }

  heartbeat(node: string, leaseMs: number): Promise<boolean> {
    return renewLease(this.db, node, leaseMs);
  }

  recoverDeadNodes(): Promise<RecoveredNode[]> {
    return this.db.transaction(async (tx) => {
      const recovered: RecoveredNode[] = [];
      for (const node of await deadNodes(tx))
        recovered.push(await recoverNode(tx, this.channel, node, this.at()));
      return recovered;
    });
  }

  leave(node: string): Promise<RecoveredNode | null> {
    return this.db.transaction(async (tx) => {
      const recovered = await recoverNode(tx, this.channel, node, this.at());
      return recovered.callers.length + recovered.operators > 0 ? recovered : null;
    });
  }

  async subscribe(listener: (message: ClusterMessage) => void): Promise<() => Promise<void>> {
    const { listenUrl, logger } = this.options;
    if (!listenUrl) throw new Error('PgAcdCoordinator: subscribe needs options.listenUrl');
    return listenToCluster({ url: listenUrl, channel: this.channel, logger }, listener);
  }

  send(message: OperatorRequestMessage): Promise<void> {
    return publish(this.db, this.channel, message);
  }

  // ---- internals ------------------------------------------------------------------------------

  private newRow(p: OperatorPresence) {
    const { tenant: tenantId, operatorId, skills, queues, state, takesCalls } = p;
    return { tenantId, operatorId, skills, queues, state, takesCalls, version: 1, updatedAt: this.at() };
  }

  /** One presence UPDATE and its NOTIFY, in a transaction; the number of rows changed. */
  private change(set: Record<string, unknown>, where: SQL | undefined): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(presence)
        .set({ ...set, updatedAt: this.at(), ...bump })
        .where(where)
        .returning();
      await publishRows(tx, this.channel, rows);
      return rows.length;
    });
  }

  /** The operator holds `callId` now, owned by `node` (the process holding the caller). */
  private async hold(
    tx: AnyDb,
    where: SQL | undefined,
    callId: string,
    node: string,
    claimedBy: string,
  ): Promise<PresenceView | null> {
    const rows = await tx
      .update(presence)
      .set({ callId, claimedBy, state: 'Busy', takesCalls: false, node, updatedAt: this.at(), ...bump })
      .where(where)
      .returning();
    await publishRows(tx, this.channel, rows);
    return rows[0] ? presenceView(rows[0]) : null;
  }

  private async lockWaiting(tx: AnyDb, tenant: string, callId: string, skipLocked: boolean) {
    const [caller] = await tx
      .select({ callId: waiting.callId, queue: waiting.queue, skills: waiting.skills })
      .from(waiting)
      .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId), eq(waiting.status, 'waiting')))
      .for('update', skipLocked ? { skipLocked: true } : {});
    return caller ?? null;
  }

  private of(tenant: string, operatorId: string) {
    return and(eq(presence.tenantId, tenant), eq(presence.operatorId, operatorId));
  }

  private free(tenant: string, operatorId: string) {
    return and(this.of(tenant, operatorId), eq(presence.takesCalls, true), isNull(presence.callId));
  }

  private async markOffered(tx: AnyDb, tenant: string, callId: string, operatorId: string): Promise<void> {
    await tx
      .update(waiting)
      .set({ status: 'offered', operatorId, offeredAt: this.at() })
      .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId)));
  }

  private at(): Date {
    return new Date(this.now());
  }
}
