/**
 * The claim protocol of coordinator.ts in one process's memory: what a single runtime uses, and
 * the reference the PostgreSQL implementation is held to (the same tests run on both).
 */
import type { AcdCoordinator, ClaimedCaller, OperatorPresence, WaitingRecord } from './coordinator.ts';

interface PresenceRow extends OperatorPresence {
  callId: string | null;
}

interface CallerRow extends WaitingRecord {
  seq: number;
  status: 'waiting' | 'offered';
  operatorId: string | null;
  offeredAt: number | null;
}

const key = (tenant: string, id: string) => `${tenant}\u0000${id}`;

export class MemoryCoordinator implements AcdCoordinator {
  private readonly operators = new Map<string, PresenceRow>();
  private readonly callers = new Map<string, CallerRow>();
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async putOperator(presence: OperatorPresence): Promise<void> {
    const row = this.operators.get(key(presence.tenant, presence.operatorId));
    if (row) {
      Object.assign(row, { skills: presence.skills, queues: presence.queues });
      if (row.callId === null) Object.assign(row, { state: presence.state, takesCalls: presence.takesCalls });
    } else this.operators.set(key(presence.tenant, presence.operatorId), { ...presence, callId: null });
  }

  async setOperatorState(
    tenant: string,
    operatorId: string,
    state: string,
    takesCalls: boolean,
  ): Promise<boolean> {
    const row = this.operators.get(key(tenant, operatorId));
    if (!row || row.callId !== null) return false;
    row.state = state;
    row.takesCalls = takesCalls;
    return true;
  }

  async addCaller(record: WaitingRecord): Promise<void> {
    // A caller joining again (overflow, transfer) replaces its old row and takes a new place.
    this.callers.set(key(record.tenant, record.callId), {
      ...record,
      seq: ++this.seq,
      status: 'waiting',
      operatorId: null,
      offeredAt: null,
    });
  }

  async removeCaller(tenant: string, callId: string): Promise<boolean> {
    const row = this.callers.get(key(tenant, callId));
    if (row?.status !== 'waiting') return false;
    this.callers.delete(key(tenant, callId));
    return true;
  }

  async claim(
    tenant: string,
    operatorId: string,
    callId: string,
    _node: string,
    direct = false,
  ): Promise<boolean> {
    const op = this.operators.get(key(tenant, operatorId));
    if (!op?.takesCalls || op.callId !== null) return false;
    if (!direct) {
      const caller = this.callers.get(key(tenant, callId));
      if (caller?.status !== 'waiting') return false;
      this.offer(caller, operatorId);
    }
    this.hold(op, callId);
    return true;
  }

  async claimNext(tenant: string, operatorId: string, _node: string): Promise<ClaimedCaller | null> {
    const op = this.operators.get(key(tenant, operatorId));
    if (!op?.takesCalls || op.callId !== null) return null;
    let best: CallerRow | null = null;
    for (const c of this.callers.values()) {
      if (c.tenant !== tenant || c.status !== 'waiting' || !op.queues.includes(c.queue)) continue;
      if (!c.skills.every((s) => op.skills.includes(s))) continue;
      if (!best || c.priority > best.priority || (c.priority === best.priority && c.seq < best.seq)) best = c;
    }
    if (!best) return null;
    this.offer(best, operatorId);
    this.hold(op, best.callId);
    return { ...strip(best), operatorId };
  }

  async requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<void> {
    const holder = this.holderOf(tenant, callId);
    if (holder) Object.assign(this.operators.get(key(tenant, holder))!, { callId: null, state, takesCalls });
    const caller = this.callers.get(key(tenant, callId));
    if (caller) Object.assign(caller, { status: 'waiting', operatorId: null, offeredAt: null });
  }

  async dropCaller(tenant: string, callId: string): Promise<void> {
    this.callers.delete(key(tenant, callId));
  }

  async release(
    tenant: string,
    operatorId: string,
    callId: string,
    state: string,
    takesCalls: boolean,
  ): Promise<void> {
    const op = this.operators.get(key(tenant, operatorId));
    if (op && (op.callId === callId || op.callId === null))
      Object.assign(op, { callId: null, state, takesCalls });
  }

  async reclaimStale(olderThan: number, tenant?: string): Promise<number> {
    let n = 0;
    for (const c of this.callers.values()) {
      if (c.status !== 'offered' || (c.offeredAt ?? 0) >= olderThan) continue;
      if (tenant !== undefined && c.tenant !== tenant) continue;
      const op = c.operatorId ? this.operators.get(key(c.tenant, c.operatorId)) : undefined;
      if (op && op.callId === c.callId)
        Object.assign(op, { callId: null, state: 'NotReady', takesCalls: false });
      Object.assign(c, { status: 'waiting', operatorId: null, offeredAt: null });
      n++;
    }
    return n;
  }

  /** For tests: who holds what. */
  holderOf(tenant: string, callId: string): string | null {
    for (const op of this.operators.values())
      if (op.tenant === tenant && op.callId === callId) return op.operatorId;
    return null;
  }

  waitingCount(tenant: string): number {
    let n = 0;
    for (const c of this.callers.values()) if (c.tenant === tenant && c.status === 'waiting') n++;
    return n;
  }

  private offer(caller: CallerRow, operatorId: string): void {
    Object.assign(caller, { status: 'offered', operatorId, offeredAt: this.now() });
  }

  private hold(op: PresenceRow, callId: string): void {
    Object.assign(op, { callId, state: 'Busy', takesCalls: false });
  }
}

function strip(row: CallerRow): WaitingRecord {
  const { tenant, callId, queue, priority, skills, enqueuedAt, node } = row;
  return { tenant, callId, queue, priority, skills, enqueuedAt, node };
}
