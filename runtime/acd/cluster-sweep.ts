/**
 * The cluster's timers (cluster.ts): the lease, renewed three times per lease on a timer of its own,
 * and the safety-net sweep — recover processes whose lease ran out, catch hand-overs whose message
 * was missed, free operators held for calls this process no longer has, and let waiting callers
 * pull operators a lost message left free. A process that finds its lease lost registers its
 * callers again.
 */
import type { TimerHandle } from '../clock.ts';
import type { TenantAcd } from './acd-service.ts';
import type { AcdCluster, ClusterHost } from './cluster.ts';
import type { AcdOperator } from './operator.ts';

export class ClusterSweep {
  private timer: TimerHandle | null = null;
  private leaseTimer: TimerHandle | null = null;
  private stopped = false;
  private sweeping = false;
  private sweeps = 0;
  /** Holds seen stale once (key → version): freed when seen again unchanged. */
  private suspects = new Map<string, number>();

  constructor(
    private readonly cluster: AcdCluster,
    private readonly host: ClusterHost,
    private readonly sweepMs: number,
  ) {}

  start(): void {
    this.renewLease();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.host.clock.clearTimer(this.timer);
    this.host.clock.clearTimer(this.leaseTimer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.host.clock.setTimer(this.sweepMs, () => {
      this.timer = null;
      void this.host.flow
        .track(this.sweep())
        .catch((error) => this.cluster.warn('sweep failed', error))
        .finally(() => this.schedule());
    });
  }

  /**
   * The lease is renewed three times per lease on a timer of its own, so that a long sweep (many
   * callers pulling) never lets it run out while this process lives.
   */
  private renewLease(): void {
    this.leaseTimer = this.host.clock.setTimer(Math.max(1, Math.floor(this.cluster.leaseMs / 3)), () => {
      void this.cluster.coordinator
        .heartbeat(this.cluster.node, this.cluster.leaseMs)
        .then((held) => {
          if (held || this.stopped) return;
          this.cluster.leaseLostAt = this.host.clock.now();
          return this.host.flow.track(this.registerAgain());
        })
        .catch((error) => this.cluster.warn('lease not renewed', error))
        .finally(() => {
          if (!this.stopped) this.renewLease();
        });
    });
  }

  /** Recovery of dead processes, and what lost messages would have missed. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      for (const dead of await this.cluster.coordinator.recoverDeadNodes()) {
        this.host.logger.log('warn', 'ACD: recovered a runtime process whose lease ran out', {
          node: dead.node,
          operators: dead.operators,
          callers: dead.callers.map((c) => c.callId).join(' '),
        });
      }
      for (const callId of this.cluster.parked.keys())
        if (!this.host.flow.get(callId)) this.cluster.parked.delete(callId);
      await this.cluster.catchUpHandOvers();
      if (++this.sweeps % 5 === 0) await this.releaseStaleHolds();
      for (const name of this.host.tenantNames()) await this.pullForWaiting(this.host.findTenant(name)!);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * Operators the store says this process holds for a call it neither rings nor has waiting (a
   * claim whose caller went elsewhere while a lease was lost, a release that failed): freed, in
   * each operator's own order after any write still on its way (which then wins).
   */
  private async releaseStaleHolds(): Promise<void> {
    const seen = new Map<string, number>();
    for (const name of this.host.tenantNames()) {
      const t = this.host.findTenant(name)!;
      for (const row of await this.cluster.coordinator.presence(name)) {
        const op = t.core.operators.get(row.operatorId);
        const callId = row.callId;
        if (!op || row.node !== this.cluster.node || callId === null || !this.stale(t, op, callId)) continue;
        const key = `${name}\u0000${op.id}\u0000${callId}`;
        seen.set(key, row.version);
        // Only a hold seen stale twice, unchanged, sweeps apart: not a claim on its way.
        if (this.suspects.get(key) !== row.version) continue;
        void this.host.flow.sync
          .operator(name, op.id, async () => {
            if (!this.stale(t, op, callId)) return;
            const takes = t.core.operators.states.takesCalls(op.state);
            await this.cluster.coordinator.requeue(name, callId, takes ? op.state : 'NotReady', takes);
          })
          .catch((error) => this.cluster.warn('could not free a stale hold', error, { operator: op.id }));
      }
    }
    this.suspects = seen;
  }

  /** This process does not ring `op` for `callId`, and no hand-over of it is waiting here. */
  private stale(t: TenantAcd, op: AcdOperator, callId: string): boolean {
    return op.callId !== callId && !t.core.isWaiting(callId) && !this.cluster.parked.has(callId);
  }

  /** Per queue, the best waiting callers pull free operators until one finds none. */
  private async pullForWaiting(t: TenantAcd): Promise<void> {
    for (const callers of this.cluster.core(t).waitingByQueue().values()) {
      for (const callId of callers) {
        const call = this.host.flow.get(callId);
        if (!call || this.cluster.pulling.has(callId)) continue;
        if (!(await this.cluster.pullOperator(t, callId))) break;
      }
    }
  }

  /** The lease had run out (the others recovered this process): its callers join the line again. */
  private async registerAgain(): Promise<void> {
    this.host.logger.log('warn', 'ACD: this process lost its lease; registering its callers again', {
      node: this.cluster.node,
    });
    for (const name of this.host.tenantNames()) {
      const t = this.host.findTenant(name)!;
      for (const callers of this.cluster.core(t).waitingByQueue().values()) {
        for (const callId of callers) {
          const call = this.host.flow.get(callId);
          if (call) await this.host.flow.persist(t, call);
        }
      }
    }
    await this.cluster.resync();
  }
}
