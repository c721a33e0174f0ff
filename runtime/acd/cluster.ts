/**
 * Several runtime processes on one PostgreSQL (issue: ACD item 5). Each process holds its own
 * callers' channels and routes with its own core; the shared store (coordinator.ts) says who owns
 * which operator and who waits, and carries every change to all processes.
 *
 * - An operator who frees up here takes the best caller of all processes (`claimNext`). A caller of
 *   another process is handed over: the claim names that process as the operator's owner, it hears
 *   of the claim (a presence message whose `node` is itself but `claimedBy` is not), and it rings the
 *   operator and bridges — the process holding the caller's channel does the PBX work.
 * - A caller who finds no ready operator here pulls the operator free longest of any process
 *   (`claimFor`); a caller the local strategy offered to an operator who meanwhile went to another
 *   process goes back to its place (`offerTaken`).
 * - Operators' states are mirrored from the process that owns them; a request of the operator's
 *   own (console, API) that reaches a process which does not own them takes them over when they
 *   hold no call (`takeOperator`), or is passed to the process that holds the call.
 * - A lease per process: a sweep renews it, recovers the callers and operators of processes whose
 *   lease ran out, and catches what a lost message would have missed (hand-overs, pulls).
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { AcdCall } from './acd-call.ts';
import type { TenantAcd } from './acd-service.ts';
import type { CallFlow } from './call-flow.ts';
import { ClusterSweep } from './cluster-sweep.ts';
import { operatorPresence, presenceOf, requestTarget } from './cluster-views.ts';
import type {
  ClusterCoordinator,
  ClusterMessage,
  OperatorRequest,
  OperatorRequestMessage,
  PresenceView,
} from './coordinator.ts';
import type { AcdOperator } from './operator.ts';
import { SharedAcdCore } from './shared-core.ts';

export interface ClusterOptions {
  /** This process's name in the shared store: unique among the processes, stable for its life. */
  node: string;
  /** How long the lease lasts unless renewed (default 15 s). */
  leaseMs?: number;
  /** How often the lease is renewed and the safety-net sweep runs (default 2 s). */
  sweepMs?: number;
}

export interface ClusterHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly flow: CallFlow;
  tenantNames(): string[];
  findTenant(name: string): TenantAcd | undefined;
  /** Carries out an operator's request here, where the operator is owned. */
  applyRequest(t: TenantAcd, operatorId: string, request: OperatorRequest): void;
}

const MAX_HOPS = 3;

export class AcdCluster {
  readonly node: string;
  readonly leaseMs: number;
  private unsubscribe: (() => Promise<void>) | null = null;
  private readonly sweep: ClusterSweep;
  private stopped = false;
  /** When the lease was last found lost (callers returning to the line then register again). */
  leaseLostAt = Number.NEGATIVE_INFINITY;
  /** Hand-overs that came while the caller's own claim of another operator was on its way. */
  readonly parked = new Map<string, PresenceView>();
  /** Callers whose pull (`claimFor`) is on its way. */
  readonly pulling = new Set<string>();
  private readonly checking = new Set<string>();
  /** The newest presence row seen per operator (tenant \0 id). */
  private readonly views = new Map<string, PresenceView>();

  constructor(
    private readonly host: ClusterHost,
    readonly coordinator: ClusterCoordinator,
    options: ClusterOptions,
  ) {
    this.node = options.node;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.sweep = new ClusterSweep(this, host, options.sweepMs ?? 2_000);
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.coordinator.subscribe((message) => this.onMessage(message));
    // A process restarted under the same name: what its previous life held is recovered first.
    await this.coordinator.leave(this.node);
    await this.coordinator.heartbeat(this.node, this.leaseMs);
    await this.resync();
    this.sweep.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sweep.stop();
    await this.unsubscribe?.();
    await this.coordinator.leave(this.node).catch((error) => this.warn('could not leave the cluster', error));
  }

  core(t: TenantAcd): SharedAcdCore {
    if (!(t.core instanceof SharedAcdCore)) throw new Error(`tenant ${t.name} has no shared core`);
    return t.core;
  }

  // ---- operators --------------------------------------------------------------------------------

  /** The operator's presence row exists (created if missing); this process mirrors or owns them. */
  join(t: TenantAcd, op: AcdOperator): void {
    void this.host.flow.sync
      .operator(t.name, op.id, () => this.coordinator.joinOperator(operatorPresence(t, op)))
      .then((view) => this.apply(view))
      .catch((error) => this.warn('operator presence not shared', error, { operator: op.id }));
  }

  /** Operators the core freed since its last call: each claims the best caller of all processes. */
  operatorsFreed(t: TenantAcd): void {
    for (const op of this.core(t).takeFreed()) this.pull(t, op);
  }

  /** An operator request for an operator another process owns: take them over, or pass it on. */
  request(t: TenantAcd, op: AcdOperator, request: OperatorRequest, hops = 0): void {
    void this.host.flow.sync
      .operator(t.name, op.id, async () => {
        if (!op.remote) return this.host.applyRequest(t, op.id, request);
        const next = requestTarget(t, op, request);
        const result = await this.coordinator.takeOperator(t.name, op.id, this.node, next);
        if (result.taken) {
          t.core.operators.adopt(op, result.before);
          return this.host.applyRequest(t, op.id, request);
        }
        if (result.holder === this.node) {
          // A claim gave them to this process and its message is still on its way: take it now.
          await this.catchUpHandOvers();
          if (!op.remote) return this.host.applyRequest(t, op.id, request);
        }
        if (result.holder === null || result.holder === this.node || hops >= MAX_HOPS) {
          this.warn('operator request dropped: nobody holds the operator', null, { operator: op.id });
          return;
        }
        const message: OperatorRequestMessage = {
          kind: 'request',
          to: result.holder,
          tenant: t.name,
          operatorId: op.id,
          request,
          hops: hops + 1,
        };
        await this.coordinator.send(message);
      })
      .catch((error) => this.warn('operator request failed', error, { operator: op.id }));
  }

  // ---- callers ----------------------------------------------------------------------------------

  /** A caller waits here with no local offer: pull an operator free in any process. */
  callerWaiting(t: TenantAcd, call: AcdCall): void {
    const callId = call.request.callId;
    if (this.pulling.has(callId)) return;
    this.pulling.add(callId);
    // Soon after a lost lease the caller's row may be gone (recovered by another process): again.
    const lately = this.host.clock.now() - this.leaseLostAt < 2 * this.leaseMs;
    const persisted = lately ? this.host.flow.persist(t, call) : call.persisted;
    void this.host.flow
      .track(persisted.then(() => this.pullOperator(t, callId)))
      .catch((error) => this.warn('could not pull an operator', error, { callId }))
      .finally(() => this.pulling.delete(callId));
  }

  /**
   * A claim found the operator taken by another process: mirror them as the newest row has them
   * (its message may have come while the claim was on its way, when a mirror is refused).
   */
  operatorTaken(t: TenantAcd, op: AcdOperator): void {
    const view = this.views.get(`${t.name}\u0000${op.id}`);
    if (view && view.node !== this.node) t.core.operators.mirror(op, view);
  }

  /**
   * A claim found the caller not waiting in the store: a hand-over is on its way (its row is
   * offered), a claim holds it a moment — or its row was lost (a lease lost and recovered), and
   * it joins the shared line again rather than wait unseen.
   */
  callerRefused(t: TenantAcd, call: AcdCall): void {
    const callId = call.request.callId;
    if (this.checking.has(callId)) return;
    this.checking.add(callId);
    void this.host.flow
      .track(this.coordinator.callerStatus(t.name, callId))
      .then((status) => {
        if (status !== null || !t.core.isWaiting(callId) || call.phase === 'ended') return;
        this.warn('a waiting caller had no row in the shared line; it joins again', null, { callId });
        call.persisted = this.host.flow.persist(t, call);
        this.callerWaiting(t, call);
      })
      .catch((error) => this.warn('could not check a caller', error, { callId }))
      .finally(() => this.checking.delete(callId));
  }

  /** After a refused claim: a hand-over that waited for it, or else a pull for the caller. */
  claimRefused(t: TenantAcd, call: AcdCall): void {
    const callId = call.request.callId;
    const parked = this.parked.get(callId);
    this.parked.delete(callId);
    if (parked) this.handOver(t, parked);
    else if (t.core.isWaiting(callId)) this.callerWaiting(t, call);
  }

  // ---- messages ---------------------------------------------------------------------------------

  private onMessage(message: ClusterMessage): void {
    if (this.stopped) return;
    if (message.kind === 'presence') this.apply(message.presence);
    else if (message.kind === 'resync')
      void this.resync().catch((error) => this.warn('resync failed', error));
    else if (message.to === this.node) this.requested(message);
  }

  /** A presence row as it now is: a hand-over to ring here, or another process's operator to mirror. */
  private apply(view: PresenceView): void {
    const t = this.host.findTenant(view.tenant);
    const op = t?.core.operators.get(view.operatorId);
    if (!t || !op) return;
    const key = `${view.tenant}\u0000${view.operatorId}`;
    if ((this.views.get(key)?.version ?? -1) < view.version) this.views.set(key, view);
    if (view.node !== this.node) {
      t.core.operators.mirror(op, view);
      return;
    }
    if (view.callId !== null && view.claimedBy !== this.node && op.callId !== view.callId) {
      this.handOver(t, view);
      return;
    }
    if (!op.remote) op.version = Math.max(op.version, view.version);
  }

  private requested(message: OperatorRequestMessage): void {
    const t = this.host.findTenant(message.tenant);
    const op = t?.core.operators.get(message.operatorId);
    if (!t || !op) return;
    if (op.remote) {
      this.request(t, op, message.request, message.hops);
      return;
    }
    try {
      this.host.applyRequest(t, op.id, message.request);
    } catch (error) {
      this.warn('operator request refused', error, { operator: op.id });
    }
  }

  // ---- claims -----------------------------------------------------------------------------------

  /** A free operator of this process claims the best caller of all processes. */
  private pull(t: TenantAcd, op: AcdOperator): void {
    const core = this.core(t);
    core.reserve(op);
    void this.host.flow.sync
      .operator(t.name, op.id, async () => {
        if (!core.operators.available(op)) return;
        const claimed = await this.coordinator.claimNext(t.name, op.id, this.node);
        if (!claimed) {
          core.unreserve(op);
          this.host.flow.carryOut(t, core.pullLocal(op.id));
        } else if (claimed.node !== this.node) core.handOff(op);
        else
          this.handOver(t, { ...presenceOf(t, op, this.node), callId: claimed.callId, claimedBy: this.node });
      })
      .catch((error) => {
        core.unreserve(op);
        this.warn('could not claim a caller for a free operator', error, { operator: op.id });
      });
  }

  async pullOperator(t: TenantAcd, callId: string): Promise<boolean> {
    if (!t.core.isWaiting(callId)) return false;
    const view = await this.coordinator.claimFor(t.name, callId, this.node);
    if (!view) return false;
    this.handOver(t, view);
    return true;
  }

  /**
   * The store gave an operator to a caller of this process: ring them here. If the caller's own
   * claim of another operator is still on its way, wait for its refusal; if the caller is gone,
   * undo the claim — the operator is this process's now and looks for the next caller.
   */
  private handOver(t: TenantAcd, view: PresenceView): void {
    const core = this.core(t);
    const op = core.operators.get(view.operatorId);
    const callId = view.callId;
    if (!op || callId === null || op.callId === callId) return;
    const call = this.host.flow.get(callId);
    const before = { ...view, state: core.operators.states.takesCalls(op.state) ? op.state : 'Ready' };
    // Gone (hung up, or never here): undo the claim — only then may the caller's row be dropped.
    if (!call || call.phase === 'ended') {
      this.undo(t, op, before);
      return;
    }
    // Offered here to another operator, the claim on its way: decided when it is refused.
    if (!core.isWaiting(callId)) {
      this.parked.set(callId, view);
      return;
    }
    // The operator is on another call here: an old view (a newer one, or the sweep, settles it).
    if (op.callId !== null) return;
    core.operators.adopt(op, before);
    const offer = core.assign(callId, op.id);
    if (offer) this.host.flow.carryOut(t, [offer]);
  }

  /** The caller of a claim is gone: drop it first (nobody may claim it again), then free the operator. */
  private undo(t: TenantAcd, op: AcdOperator, view: PresenceView): void {
    const callId = view.callId!;
    void this.host.flow.sync
      .operator(t.name, op.id, async () => {
        await this.coordinator.dropCaller(t.name, callId);
        const freed = await this.coordinator.requeue(t.name, callId, view.state, true);
        // Nothing freed: the claim was already over (a late or stale view); the operator is as they are.
        if (!freed || op.callId !== null) return;
        t.core.operators.adopt(op, { ...view, version: op.version });
        this.pull(t, op);
      })
      .catch((error) => this.warn('could not undo a claim', error, { callId, operator: op.id }));
  }

  /** Hand-overs to this process whose messages were missed or are still on their way. */
  async catchUpHandOvers(): Promise<void> {
    for (const handed of await this.coordinator.handedOverTo(this.node)) {
      const t = this.host.findTenant(handed.tenant);
      if (t) this.handOver(t, { ...handed.operator, claimedBy: null });
    }
  }

  async resync(): Promise<void> {
    for (const name of this.host.tenantNames()) {
      for (const view of await this.coordinator.presence(name)) this.apply(view);
    }
  }

  warn(message: string, error: unknown, fields: Record<string, string> = {}): void {
    this.host.logger.log('warn', `ACD cluster: ${message}`, {
      node: this.node,
      ...fields,
      ...(error ? { error: String(error) } : {}),
    });
  }
}
