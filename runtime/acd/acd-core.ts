/**
 * The routing core of one tenant: queues with their waiting callers, operators and their states,
 * and the decisions — which operator gets an arriving caller (the queue's strategy over the ready
 * index), which caller an operator gets when they become free (highest priority, then longest
 * waiting, across their queues), and what happens when an offer is answered, refused or abandoned.
 *
 * Pure: no I/O, no timers; time is read from the injected clock. Every call that can free an
 * operator or add a caller returns the offers it made, and the caller of the core (the ACD service,
 * or a simulation) carries them out. Invariant after every public call: no ready operator could
 * take any waiting caller.
 */
import {
  type AcdEvent,
  type CallerRequest,
  FAILURE_REASONS,
  type LeaveReason,
  type Offer,
  type OfferFailure,
  type WaitingCaller,
} from './acd-core-types.ts';
import { chooseCaller, chooseOperator } from './matching.ts';
import type { AcdOperator, OperatorConfig } from './operator.ts';
import { AcdError, type NowClock, OperatorRoster } from './operator-roster.ts';
import { type CustomStateConfig, StateCatalog, SYSTEM_STATES } from './operator-states.ts';
import type { QueueDefinition } from './queue-model.ts';
import {
  countAbandoned,
  countAnswered,
  estimateFor,
  newQueueState,
  type QueueSnapshot,
  type QueueState,
  snapshotOf,
} from './queue-state.ts';
import type { StateLogSink } from './state-log.ts';

export type * from './acd-core-types.ts';
export type { QueueSnapshot } from './queue-state.ts';

export interface AcdCoreOptions {
  tenant: string;
  clock: NowClock;
  queues?: QueueDefinition[];
  states?: readonly CustomStateConfig[];
  stateLog?: StateLogSink;
  random?: () => number;
  /** The handle-time guess a queue starts its average from. */
  initialHandleMs?: number;
}

export interface Engagement {
  operator: AcdOperator;
  caller: WaitingCaller | null;
}

export class AcdCore {
  readonly tenant: string;
  readonly operators: OperatorRoster;
  protected readonly clock: NowClock;
  protected readonly queues = new Map<string, QueueState>();
  protected readonly waiting = new Map<string, WaitingCaller>();
  protected readonly ringing = new Map<string, Engagement>();
  protected readonly talking = new Map<string, Engagement>();
  private readonly lastTalkMs = new Map<AcdOperator, number>();
  private readonly listeners = new Set<(event: AcdEvent) => void>();
  private readonly random: () => number;
  private readonly initialHandleMs: number;
  private seq = 0;
  private headSeq = 0;

  constructor(options: AcdCoreOptions) {
    this.tenant = options.tenant;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.initialHandleMs = options.initialHandleMs ?? 180_000;
    const log = options.stateLog ?? { write() {} };
    this.operators = new OperatorRoster(
      this.tenant,
      new StateCatalog(options.states),
      this.clock,
      log,
      (change) => this.emit({ type: 'operator-state', ...change }),
    );
    for (const def of options.queues ?? []) this.defineQueue(def);
  }

  onEvent(listener: (event: AcdEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- configuration --------------------------------------------------------------------------

  defineQueue(def: QueueDefinition): void {
    const existing = this.queues.get(def.name);
    if (existing) existing.def = def;
    else this.queues.set(def.name, newQueueState(def, this.initialHandleMs));
  }

  queue(name: string): QueueDefinition | undefined {
    return this.queues.get(name)?.def;
  }

  upsertOperator(config: OperatorConfig): Offer[] {
    return this.offersFor(this.operators.upsert(config));
  }

  // ---- operators ------------------------------------------------------------------------------

  logIn(operatorId: string, extension: string, endpoint: string): void {
    this.operators.logIn(this.operators.require(operatorId), extension, endpoint);
  }

  /** Logs out now, or after the current call and its wrap-up. */
  logOut(operatorId: string, reason = 'operator'): void {
    const op = this.operators.require(operatorId);
    if (op.callId) op.pending = { state: 'LoggedOut', reason };
    else if (op.state !== 'LoggedOut') this.operators.logOut(op, reason);
  }

  /**
   * The operator picks a state. On a call it is taken when the call and its wrap-up end; in wrap-up
   * it ends the wrap-up now. Returns the offer made if the operator became free for a waiting caller.
   */
  setState(operatorId: string, state: string, reason = 'operator'): Offer[] {
    const op = this.operators.require(operatorId);
    if (!this.operators.states.has(state))
      throw new AcdError('unknown-state', `unknown operator state '${state}'`);
    if (SYSTEM_STATES.has(state))
      throw new AcdError('system-state', `'${state}' is set by the system, not chosen`);
    if (op.endpoint === null)
      throw new AcdError('not-logged-in', `operator '${operatorId}' is not logged in`);
    if (op.state === 'WrapUp' && op.callId) return this.endWrapUp(op, { state, reason });
    if (op.callId) {
      op.pending = { state, reason };
      return [];
    }
    this.operators.transition(op, state, reason, null);
    return this.offersFor(op);
  }

  // ---- callers --------------------------------------------------------------------------------

  /** A caller joins a queue; returns the offer when an operator can take it at once. */
  arrive(request: CallerRequest): { offers: Offer[]; position: number; estimateMs: number } {
    const q = this.requireQueue(request.queue);
    if (
      this.waiting.has(request.callId) ||
      this.ringing.has(request.callId) ||
      this.talking.has(request.callId)
    ) {
      throw new AcdError('unknown-call', `call ${request.callId} is already in the ACD`);
    }
    const skills = [...new Set([...q.def.skills, ...(request.skills ?? [])])];
    const caller: WaitingCaller = {
      callId: request.callId,
      queue: q.def.name,
      priority: request.priority ?? 0,
      seq: request.atHead ? --this.headSeq : ++this.seq,
      skills,
      enqueuedAt: this.clock.now(),
      firstEstimateMs: null,
    };
    q.counters.joined++;
    this.enterLine(q, caller);
    const position = q.line.position(caller.callId) ?? 1;
    this.emit({
      type: 'caller-joined',
      tenant: this.tenant,
      queue: q.def.name,
      callId: caller.callId,
      position,
      at: caller.enqueuedAt,
    });
    const offer = this.offerCaller(q, caller);
    if (offer) return { offers: [offer], position, estimateMs: 0 };
    const estimateMs = this.estimate(q, caller);
    caller.firstEstimateMs = estimateMs;
    return { offers: [], position, estimateMs };
  }

  /** The caller leaves while waiting (hang-up, max wait). Null when it is not waiting. */
  leave(callId: string, reason: Exclude<LeaveReason, 'answered'>): WaitingCaller | null {
    const caller = this.waiting.get(callId);
    if (!caller) return null;
    const q = this.queues.get(caller.queue)!;
    this.leaveLine(q, caller, reason);
    if (reason === 'abandoned') countAbandoned(q, caller, this.clock.now() - caller.enqueuedAt);
    else q.counters.timedOut++;
    return caller;
  }

  /** The offered operator answered: they now talk with the caller. */
  offerAnswered(callId: string): { operatorId: string; waitedMs: number } {
    const e = this.ringing.get(callId);
    if (!e) throw new AcdError('unknown-call', `call ${callId} is not ringing an operator`);
    this.ringing.delete(callId);
    this.talking.set(callId, e);
    const now = this.clock.now();
    e.operator.answeredAt = now;
    e.operator.reason = 'talking';
    let waitedMs = 0;
    if (e.caller) {
      const q = this.queues.get(e.caller.queue)!;
      waitedMs = now - e.caller.enqueuedAt;
      countAnswered(q, e.caller, waitedMs);
      this.left(q, callId, 'answered', waitedMs);
    }
    return { operatorId: e.operator.id, waitedMs };
  }

  /**
   * The operator did not take the offer. The caller goes back to its place (the head of the
   * queue); the operator goes to NotReady, since a phone that rings out has nobody at it.
   */
  offerFailed(callId: string, failure: OfferFailure): Offer[] {
    const e = this.ringing.get(callId);
    if (!e) return [];
    this.ringing.delete(callId);
    const op = e.operator;
    this.release(op);
    const reason = FAILURE_REASONS[failure];
    if (op.pending?.state === 'LoggedOut') this.operators.logOut(op, op.pending.reason ?? reason);
    else this.operators.transition(op, 'NotReady', reason, callId);
    op.pending = null;
    if (!e.caller) return [];
    const q = this.queues.get(e.caller.queue)!;
    q.counters.ringNoAnswer++;
    this.enterLine(q, e.caller);
    const offer = this.offerCaller(q, e.caller);
    return offer ? [offer] : [];
  }

  /** The caller hung up while an operator's phone rang: the operator is free again. */
  offerCancelled(callId: string): Offer[] {
    const e = this.ringing.get(callId);
    if (!e) return [];
    this.ringing.delete(callId);
    if (e.caller)
      countAbandoned(this.queues.get(e.caller.queue)!, e.caller, this.clock.now() - e.caller.enqueuedAt);
    const op = e.operator;
    return this.freeOperator(op, callId, op.pending ?? { state: 'Ready', reason: 'caller-abandoned' });
  }

  /**
   * The talk ended (either side hung up, or the operator transferred the call away). The operator
   * goes to wrap-up for the queue's time; `wrapUpMs` 0 means straight back (the offers are made).
   */
  callEnded(callId: string): { operatorId: string; wrapUpMs: number; offers: Offer[] } | null {
    const e = this.talking.get(callId);
    if (!e) return null;
    this.talking.delete(callId);
    const op = e.operator;
    const talkMs = this.clock.now() - (op.answeredAt ?? this.clock.now());
    op.callsTaken++;
    op.talkTimeMs += talkMs;
    op.answeredAt = null;
    this.lastTalkMs.set(op, talkMs);
    const wrapUpMs = op.callQueue ? (this.queues.get(op.callQueue)?.def.wrapUpMs ?? 0) : 0;
    if (wrapUpMs <= 0) return { operatorId: op.id, wrapUpMs: 0, offers: this.endWrapUp(op, null) };
    this.operators.transition(op, 'WrapUp', op.callQueue, callId);
    return { operatorId: op.id, wrapUpMs, offers: [] };
  }

  /** The wrap-up time of `callId` is over (a later call's wrap-up is left alone). */
  wrapUpEnded(operatorId: string, callId: string): Offer[] {
    const op = this.operators.require(operatorId);
    if (op.state !== 'WrapUp' || op.callId !== callId) return [];
    return this.endWrapUp(op, null);
  }

  /**
   * A transfer to an operator's extension: that operator is offered the call directly, when free
   * (their wrap-up afterwards is `wrapUpQueue`'s). Null when nobody is logged in there.
   */
  offerDirect(
    callId: string,
    extension: string,
    ringTimeoutMs: number,
    wrapUpQueue: string | null = null,
  ): Offer | null | 'unavailable' {
    const op = this.operators.atExtension(extension);
    if (!op) return null;
    if (!this.operators.available(op)) return 'unavailable';
    return this.offer(op, null, callId, ringTimeoutMs, wrapUpQueue);
  }

  // ---- queries --------------------------------------------------------------------------------

  position(callId: string): number | null {
    const caller = this.waiting.get(callId);
    return caller ? (this.queues.get(caller.queue)?.line.position(callId) ?? null) : null;
  }

  /** The wait estimate for a waiting caller now, ms. */
  waitEstimate(callId: string): { position: number; estimateMs: number } | null {
    const caller = this.waiting.get(callId);
    if (!caller) return null;
    const q = this.queues.get(caller.queue)!;
    return { position: q.line.position(callId) ?? 1, estimateMs: this.estimate(q, caller) };
  }

  isWaiting(callId: string): boolean {
    return this.waiting.has(callId);
  }

  /** The operator ringing for or talking on a call. */
  operatorOf(callId: string): AcdOperator | null {
    return (this.ringing.get(callId) ?? this.talking.get(callId))?.operator ?? null;
  }

  snapshot(queue: string): QueueSnapshot {
    return snapshotOf(this.requireQueue(queue), this.operators, this.clock.now());
  }

  queueNames(): string[] {
    return [...this.queues.keys()];
  }

  // ---- internals ------------------------------------------------------------------------------

  private requireQueue(name: string): QueueState {
    const q = this.queues.get(name);
    if (!q) throw new AcdError('unknown-queue', `no queue '${name}' in tenant ${this.tenant}`);
    return q;
  }

  protected enterLine(q: QueueState, caller: WaitingCaller): void {
    q.line.add(caller);
    this.waiting.set(caller.callId, caller);
  }

  protected leaveLine(
    q: QueueState,
    caller: WaitingCaller,
    reason: Exclude<LeaveReason, 'answered'> | null,
  ): void {
    q.line.remove(caller.callId);
    this.waiting.delete(caller.callId);
    if (reason) this.left(q, caller.callId, reason, this.clock.now() - caller.enqueuedAt);
  }

  private left(q: QueueState, callId: string, reason: LeaveReason, waitedMs: number): void {
    const at = this.clock.now();
    this.emit({ type: 'caller-left', tenant: this.tenant, queue: q.def.name, callId, reason, waitedMs, at });
  }

  /** The queue's strategy picks among the ready operators who can take this caller. */
  protected offerCaller(q: QueueState, caller: WaitingCaller): Offer | null {
    const op = chooseOperator(q, caller, this.operators.ready, this.random);
    if (!op) return null;
    this.leaveLine(q, caller, null);
    return this.offer(op, caller, caller.callId, q.def.ringTimeoutMs);
  }

  /** The best caller for a free operator: highest priority, then longest waiting, over their queues. */
  protected offersFor(op: AcdOperator): Offer[] {
    if (!this.operators.available(op)) return [];
    const best = chooseCaller(op, (name) => this.queues.get(name));
    if (!best) return [];
    this.leaveLine(best.queue, best.caller, null);
    return [this.offer(op, best.caller, best.caller.callId, best.queue.def.ringTimeoutMs)];
  }

  protected offer(
    op: AcdOperator,
    caller: WaitingCaller | null,
    callId: string,
    ringTimeoutMs: number,
    wrapUpQueue = caller?.queue ?? null,
  ): Offer {
    op.callId = callId;
    op.callQueue = wrapUpQueue;
    this.ringing.set(callId, { operator: op, caller });
    this.operators.transition(op, 'Busy', caller ? 'offered' : 'transfer', callId);
    this.emit({
      type: 'caller-offered',
      tenant: this.tenant,
      queue: caller?.queue ?? null,
      callId,
      operatorId: op.id,
      at: this.clock.now(),
    });
    return { callId, operatorId: op.id, queue: caller?.queue ?? null, endpoint: op.endpoint!, ringTimeoutMs };
  }

  protected release(op: AcdOperator): void {
    op.callId = null;
    op.callQueue = null;
    op.answeredAt = null;
  }

  /** Wrap-up over (or cut short by a chosen state): the handle time counts, the operator moves on. */
  private endWrapUp(op: AcdOperator, chosen: { state: string; reason: string } | null): Offer[] {
    const talkMs = this.lastTalkMs.get(op);
    this.lastTalkMs.delete(op);
    const q = op.callQueue ? this.queues.get(op.callQueue) : undefined;
    const wrapMs = op.state === 'WrapUp' ? this.clock.now() - op.stateSince : 0;
    if (q && talkMs !== undefined) q.handleTime.observe(talkMs + wrapMs, this.clock.now());
    return this.freeOperator(
      op,
      op.callId,
      chosen ?? op.pending ?? { state: 'Ready', reason: 'wrap-up-done' },
    );
  }

  /** The operator holds no call any more and takes `next` (a pending log-out wins). */
  protected freeOperator(
    op: AcdOperator,
    callId: string | null,
    next: { state: string; reason: string | null },
  ): Offer[] {
    this.release(op);
    const then = op.pending?.state === 'LoggedOut' ? op.pending : next;
    op.pending = null;
    if (then.state === 'LoggedOut') {
      this.operators.logOut(op, then.reason ?? 'operator');
      return [];
    }
    this.operators.transition(op, then.state, then.reason, callId);
    return this.offersFor(op);
  }

  private estimate(q: QueueState, caller: WaitingCaller): number {
    return estimateFor(q, caller, this.operators, (name) => this.queues.get(name)?.line.size ?? 0);
  }

  private emit(event: AcdEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A dashboard's bug must not break routing.
      }
    }
  }
}
