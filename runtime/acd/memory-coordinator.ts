/**
 * The claim protocol of coordinator.ts in one process's memory: what a single runtime uses, and
 * the reference the PostgreSQL implementation is held to (the same tests run on both). As a
 * `ClusterCoordinator` it also lets several ACD services in one process (tests, on virtual time)
 * hand callers over as separate processes do on PostgreSQL; its messages are delivered after the
 * change, in order, as a NOTIFY is after its commit.
 */
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
} from './coordinator.ts';

interface PresenceRow extends PresenceView {
  /** When the row last changed: `claimFor` prefers the operator free longest. */
  updatedAt: number;
}

interface CallerRow extends WaitingRecord {
  seq: number;
  status: 'waiting' | 'offered';
  operatorId: string | null;
  offeredAt: number | null;
}

const key = (tenant: string, id: string) => `${tenant}\u0000${id}`;

export class MemoryCoordinator implements ClusterCoordinator {
  private readonly operators = new Map<string, PresenceRow>();
  private readonly callers = new Map<string, CallerRow>();
  private readonly leases = new Map<string, number>();
  private readonly listeners = new Set<(message: ClusterMessage) => void>();
  private readonly outbox: ClusterMessage[] = [];
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async putOperator(presence: OperatorPresence): Promise<void> {
    const row = this.operators.get(key(presence.tenant, presence.operatorId));
    if (!row) return this.insert(presence);
    Object.assign(row, { skills: presence.skills, queues: presence.queues });
    if (row.callId === null) Object.assign(row, { state: presence.state, takesCalls: presence.takesCalls });
    this.changed(row);
  }

  async joinOperator(presence: OperatorPresence): Promise<PresenceView> {
    const row = this.operators.get(key(presence.tenant, presence.operatorId));
    if (!row) this.insert(presence);
    else this.changed(Object.assign(row, { skills: presence.skills, queues: presence.queues }));
    return view(this.operators.get(key(presence.tenant, presence.operatorId))!);
  }

  async presence(tenant: string): Promise<PresenceView[]> {
    return [...this.operators.values()].filter((o) => o.tenant === tenant).map(view);
  }

  async setOperatorState(
    tenant: string,
    operatorId: string,
    state: string,
    takesCalls: boolean,
    workplace?: Workplace,
  ): Promise<boolean> {
    const row = this.operators.get(key(tenant, operatorId));
    if (!row || row.callId !== null) return false;
    this.changed(Object.assign(row, { state, takesCalls }, workplace));
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
    node: string,
    direct = false,
  ): Promise<ClaimOutcome> {
    const caller = direct ? null : this.callers.get(key(tenant, callId));
    if (!direct && caller?.status !== 'waiting') return 'caller-unavailable';
    const op = this.operators.get(key(tenant, operatorId));
    if (!op?.takesCalls || op.callId !== null) return 'operator-unavailable';
    if (caller) this.offer(caller, operatorId);
    this.hold(op, callId, node, node);
    return 'claimed';
  }

  async claimNext(tenant: string, operatorId: string, node: string): Promise<ClaimedCaller | null> {
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
    this.hold(op, best.callId, best.node, node);
    return { ...strip(best), operatorId };
  }

  async claimFor(tenant: string, callId: string, node: string): Promise<PresenceView | null> {
    const caller = this.callers.get(key(tenant, callId));
    if (caller?.status !== 'waiting') return null;
    let best: PresenceRow | null = null;
    for (const op of this.operators.values()) {
      if (op.tenant !== tenant || !op.takesCalls || op.callId !== null || op.endpoint === null) continue;
      if (!op.queues.includes(caller.queue) || !caller.skills.every((s) => op.skills.includes(s))) continue;
      if (!best || op.updatedAt < best.updatedAt) best = op;
    }
    if (!best) return null;
    this.offer(caller, best.operatorId);
    this.hold(best, callId, node, node);
    return view(best);
  }

  async takeOperator(
    tenant: string,
    operatorId: string,
    node: string,
    next: { state: string; takesCalls: boolean } & Workplace,
  ): Promise<{ taken: true; before: PresenceView } | { taken: false; holder: string | null }> {
    const row = this.operators.get(key(tenant, operatorId));
    if (!row) return { taken: false, holder: null };
    if (row.callId !== null || row.state === 'WrapUp') return { taken: false, holder: row.node };
    const before = view(row);
    this.changed(Object.assign(row, next, { node }));
    return { taken: true, before };
  }

  async requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<boolean> {
    const holder = this.holderOf(tenant, callId);
    if (holder)
      this.changed(
        Object.assign(this.operators.get(key(tenant, holder))!, {
          callId: null,
          claimedBy: null,
          state,
          takesCalls,
        }),
      );
    const caller = this.callers.get(key(tenant, callId));
    if (caller) Object.assign(caller, { status: 'waiting', operatorId: null, offeredAt: null });
    return holder !== null;
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
    workplace?: Workplace,
  ): Promise<void> {
    const op = this.operators.get(key(tenant, operatorId));
    if (op && (op.callId === callId || op.callId === null))
      this.changed(Object.assign(op, { callId: null, claimedBy: null, state, takesCalls }, workplace));
  }

  async reclaimStale(olderThan: number, tenant?: string): Promise<number> {
    let n = 0;
    for (const c of this.callers.values()) {
      if (c.status !== 'offered' || (c.offeredAt ?? 0) >= olderThan) continue;
      if (tenant !== undefined && c.tenant !== tenant) continue;
      const op = c.operatorId ? this.operators.get(key(c.tenant, c.operatorId)) : undefined;
      if (op && op.callId === c.callId)
        this.changed(
          Object.assign(op, {
            callId: null,
            claimedBy: null,
            state: 'NotReady',
            takesCalls: false,
            node: null,
          }),
        );
      Object.assign(c, { status: 'waiting', operatorId: null, offeredAt: null });
      n++;
    }
    return n;
  }

  async callerStatus(tenant: string, callId: string): Promise<'waiting' | 'offered' | null> {
    return this.callers.get(key(tenant, callId))?.status ?? null;
  }

  async handedOverTo(node: string): Promise<HandedOver[]> {
    const found: HandedOver[] = [];
    for (const c of this.callers.values()) {
      if (c.node !== node || c.status !== 'offered' || !c.operatorId) continue;
      const op = this.operators.get(key(c.tenant, c.operatorId));
      if (op?.callId === c.callId && op.node === node)
        found.push({ tenant: c.tenant, callId: c.callId, operator: view(op) });
    }
    return found;
  }

  async heartbeat(node: string, leaseMs: number): Promise<boolean> {
    const held = this.leases.has(node);
    this.leases.set(node, this.now() + leaseMs);
    return held;
  }

  async recoverDeadNodes(): Promise<RecoveredNode[]> {
    const dead = [...this.leases].filter(([, until]) => until < this.now()).map(([node]) => node);
    return dead.map((node) => this.recover(node));
  }

  async leave(node: string): Promise<RecoveredNode | null> {
    return this.leases.has(node) ? this.recover(node) : null;
  }

  async subscribe(listener: (message: ClusterMessage) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async send(message: OperatorRequestMessage): Promise<void> {
    this.publish({ ...message });
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

  /** For tests: every caller row of a tenant. */
  callerRows(tenant: string): Array<{ callId: string; status: string; node: string }> {
    return [...this.callers.values()]
      .filter((c) => c.tenant === tenant)
      .map((c) => ({ callId: c.callId, status: c.status, node: c.node }));
  }

  private recover(node: string): RecoveredNode {
    this.leases.delete(node);
    const callers: RecoveredNode['callers'] = [];
    for (const [k, c] of this.callers) {
      if (c.node !== node) continue;
      callers.push({ tenant: c.tenant, callId: c.callId });
      this.callers.delete(k);
    }
    let operators = 0;
    for (const op of this.operators.values()) {
      if (op.node !== node) continue;
      operators++;
      const onCall = op.callId !== null ? { callId: null, state: 'NotReady', takesCalls: false } : {};
      this.changed(Object.assign(op, onCall, { node: null, claimedBy: null }));
    }
    return { node, callers, operators };
  }

  private insert(p: OperatorPresence): void {
    const row: PresenceRow = {
      ...p,
      callId: null,
      node: null,
      claimedBy: null,
      extension: null,
      endpoint: null,
      version: 0,
      updatedAt: this.now(),
    };
    this.operators.set(key(p.tenant, p.operatorId), row);
    this.changed(row);
  }

  private offer(caller: CallerRow, operatorId: string): void {
    Object.assign(caller, { status: 'offered', operatorId, offeredAt: this.now() });
  }

  private hold(op: PresenceRow, callId: string, node: string, claimedBy: string): void {
    this.changed(Object.assign(op, { callId, state: 'Busy', takesCalls: false, node, claimedBy }));
  }

  /** Every presence change raises the version and is published. */
  private changed(row: PresenceRow): void {
    row.version++;
    row.updatedAt = this.now();
    this.publish({ kind: 'presence', presence: view(row) });
  }

  private publish(message: ClusterMessage): void {
    if (this.listeners.size === 0) return;
    this.outbox.push(message);
    if (this.outbox.length > 1) return;
    // Delivered after the change returns, in order, as a NOTIFY after its commit.
    queueMicrotask(() => {
      for (const m of this.outbox.splice(0)) for (const listener of this.listeners) listener(m);
    });
  }
}

function view(row: PresenceRow): PresenceView {
  const { updatedAt: _u, ...rest } = row;
  return { ...rest, skills: [...row.skills], queues: [...row.queues] };
}

function strip(row: CallerRow): WaitingRecord {
  const { tenant, callId, queue, priority, skills, enqueuedAt, node } = row;
  return { tenant, callId, queue, priority, skills, enqueuedAt, node };
}
