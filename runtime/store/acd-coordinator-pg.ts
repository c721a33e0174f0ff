/**
 * The ACD claim protocol (runtime/acd/coordinator.ts) on PostgreSQL, for several runtime processes
 * sharing one database. The two guarantees and what gives them:
 * - one operator, one call: the claim is a single conditional UPDATE of the operator's presence row
 *   (`… WHERE takes_calls AND call_id IS NULL RETURNING`); PostgreSQL re-checks the condition after
 *   waiting for a competing writer, so exactly one claimer gets the row. A partial unique index on
 *   (tenant, call_id) also refuses one call held by two operators.
 * - no lost or doubly served caller: the caller's row is locked `FOR UPDATE SKIP LOCKED` in the same
 *   transaction and moves `waiting` → `offered` only if the operator UPDATE succeeded; a failed offer
 *   moves it back with its old `seq`; it is deleted only when answered, or by a hang-up while waiting.
 * SKIP LOCKED means a process never waits for another's claim in progress (no lock convoy, no
 * deadlock): it skips that caller and takes the next one.
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { AcdCoordinator, ClaimedCaller, OperatorPresence, WaitingRecord } from '../acd/coordinator.ts';
import { acdOperatorPresence as presence, acdWaitingCallers as waiting } from './schema/acd.ts';

type AnyDb = PgDatabase<PgQueryResultHKT, any>;

export class PgAcdCoordinator implements AcdCoordinator {
  constructor(
    private readonly db: AnyDb,
    private readonly now: () => number = Date.now,
  ) {}

  async putOperator(p: OperatorPresence): Promise<void> {
    await this.db
      .insert(presence)
      .values({
        tenantId: p.tenant,
        operatorId: p.operatorId,
        state: p.state,
        takesCalls: p.takesCalls,
        skills: p.skills,
        queues: p.queues,
        updatedAt: this.at(),
      })
      .onConflictDoUpdate({
        target: [presence.tenantId, presence.operatorId],
        set: {
          skills: p.skills,
          queues: p.queues,
          // A held call keeps its state until released.
          state: sql`case when ${presence.callId} is null then excluded.state else ${presence.state} end`,
          takesCalls: sql`case when ${presence.callId} is null then excluded.takes_calls else false end`,
          updatedAt: this.at(),
        },
      });
  }

  async setOperatorState(
    tenant: string,
    operatorId: string,
    state: string,
    takesCalls: boolean,
  ): Promise<boolean> {
    const rows = await this.db
      .update(presence)
      .set({ state, takesCalls, updatedAt: this.at() })
      .where(and(eq(presence.tenantId, tenant), eq(presence.operatorId, operatorId), isNull(presence.callId)))
      .returning({ id: presence.operatorId });
    return rows.length > 0;
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

  claim(tenant: string, operatorId: string, callId: string, node: string, direct = false): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (!direct) {
        const [caller] = await tx
          .select({ callId: waiting.callId })
          .from(waiting)
          .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId), eq(waiting.status, 'waiting')))
          .for('update', { skipLocked: true });
        if (!caller) return false;
      }
      const held = await tx
        .update(presence)
        .set({ callId, state: 'Busy', takesCalls: false, node, updatedAt: this.at() })
        .where(this.free(tenant, operatorId))
        .returning({ id: presence.operatorId });
      if (held.length === 0) return false;
      if (!direct) await this.markOffered(tx, tenant, callId, operatorId);
      return true;
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
      await tx
        .update(presence)
        .set({ callId: caller.callId, state: 'Busy', takesCalls: false, node, updatedAt: this.at() })
        .where(and(eq(presence.tenantId, tenant), eq(presence.operatorId, operatorId)));
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

  requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx
        .update(presence)
        .set({ callId: null, state, takesCalls, updatedAt: this.at() })
        .where(and(eq(presence.tenantId, tenant), eq(presence.callId, callId)));
      await tx
        .update(waiting)
        .set({ status: 'waiting', operatorId: null, offeredAt: null })
        .where(and(eq(waiting.tenantId, tenant), eq(waiting.callId, callId)));
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
  ): Promise<void> {
    await this.db
      .update(presence)
      .set({ callId: null, state, takesCalls, updatedAt: this.at() })
      .where(
        and(
          eq(presence.tenantId, tenant),
          eq(presence.operatorId, operatorId),
          or(eq(presence.callId, callId), isNull(presence.callId)),
        ),
      );
  }

  reclaimStale(olderThan: number, tenant?: string): Promise<number> {
    return this.db.transaction(async (tx) => {
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
          await tx
            .update(presence)
            .set({ callId: null, state: 'NotReady', takesCalls: false, updatedAt: this.at() })
            .where(
              and(
                eq(presence.tenantId, c.tenantId),
                eq(presence.operatorId, c.operatorId),
                eq(presence.callId, c.callId),
              ),
            );
        }
        await tx
          .update(waiting)
          .set({ status: 'waiting', operatorId: null, offeredAt: null })
          .where(and(eq(waiting.tenantId, c.tenantId), eq(waiting.callId, c.callId)));
      }
      return stale.length;
    });
  }

  private free(tenant: string, operatorId: string) {
    return and(
      eq(presence.tenantId, tenant),
      eq(presence.operatorId, operatorId),
      eq(presence.takesCalls, true),
      isNull(presence.callId),
    );
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
