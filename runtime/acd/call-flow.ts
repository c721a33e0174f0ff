/**
 * What the ACD service does with each caller, step by step on the PBX: join the holding bridge,
 * announce, ring the operator the core chose, connect, end the talk and run the wrap-up, leave on
 * max wait, clean up on a hang-up in any phase. The routing decisions stay in the core; this file
 * only carries them out and reports back what the PBX did.
 */

import type { PbxPort } from '../../telephony/pbx-port.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { QueueRequest } from './acd.ts';
import { type AcdCall, CallerLeftQueue } from './acd-call.ts';
import type { Offer, OfferFailure } from './acd-core.ts';
import type { TenantAcd } from './acd-service.ts';
import { Announcer } from './announcer.ts';
import type { AcdCluster } from './cluster.ts';
import type { AcdCoordinator, ClaimOutcome } from './coordinator.ts';
import { CoordinatorSync } from './coordinator-sync.ts';
import { HoldingBridges } from './holding-bridges.ts';
import { TalkLegs } from './talk-legs.ts';

export interface FlowHost {
  pbx: PbxPort;
  clock: Clock;
  logger: Logger;
  coordinator: AcdCoordinator;
  node: string;
  /** Set when several processes share the line (cluster.ts). */
  readonly cluster: AcdCluster | null;
  tenant(name: string): TenantAcd;
}

export class CallFlow {
  readonly bridges: HoldingBridges;
  inflight = 0;
  private readonly calls = new Map<string, AcdCall>();
  private readonly wrapTimers = new Set<ReturnType<Clock['setTimer']>>();

  readonly announcer: Announcer;
  readonly sync: CoordinatorSync;

  constructor(readonly host: FlowHost) {
    this.bridges = new HoldingBridges(host.pbx);
    this.announcer = new Announcer(host.clock, host.logger);
    this.sync = new CoordinatorSync(host.coordinator, host.logger, (p) => this.track(p));
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  get(callId: string): AcdCall | undefined {
    return this.calls.get(callId);
  }

  newCall(t: TenantAcd, request: QueueRequest, awaited: boolean): AcdCall {
    const call: AcdCall = {
      request,
      tenant: t.name,
      queue: request.queue,
      phase: 'waiting',
      awaited,
      visited: new Set(),
      holding: Promise.resolve(null),
      persisted: Promise.resolve(),
      maxWaitTimer: null,
      announceTimer: null,
      announcing: null,
      expired: false,
      ringingEndpoint: null,
      operatorId: null,
      talk: null,
      afterDirect: null,
      settle: null,
      fail: null,
      unsubscribe: () => {},
    };
    call.unsubscribe = this.host.pbx.subscribe(request.channelId, (e) => {
      if (e.type === 'hangup') this.callerGone(request.callId);
    });
    this.calls.set(request.callId, call);
    return call;
  }

  /** The caller joins `queue` (first time, after an overflow, or after a transfer). */
  join(t: TenantAcd, call: AcdCall, queue: string, atHead: boolean): void {
    const def = t.core.queue(queue)!;
    const { request } = call;
    call.queue = queue;
    call.phase = 'waiting';
    call.expired = false;
    call.visited.add(queue);
    const music = (call.awaited ? request.music : null) ?? def.music;
    call.holding = this.track(this.bridges.join(t.name, queue, music, request.channelId)).catch((error) => {
      this.host.logger.log('warn', 'ACD: could not put the caller on hold', {
        callId: request.callId,
        error: String(error),
      });
      return null;
    });
    const arrival = t.core.arrive({
      callId: request.callId,
      queue,
      priority: request.priority,
      skills: request.skills,
      atHead,
    });
    request.onEvent?.({
      type: 'joined',
      position: arrival.position,
      ewtMinutes: arrival.estimateMs / 60_000,
    });
    // A flow's own max wait; a transferred caller only follows the queue's overflow.
    const maxWait = call.awaited ? request.maxWaitMs : def.overflow ? def.maxWaitMs : null;
    if (maxWait !== null)
      call.maxWaitTimer = this.host.clock.setTimer(maxWait, () => this.maxWaitPassed(t, call));
    if (arrival.offers.length === 0) this.announcer.schedule(t, call, 0);
    call.persisted = this.persist(t, call);
    this.carryOut(t, arrival.offers);
    if (arrival.offers.length === 0) this.host.cluster?.callerWaiting(t, call);
  }

  /** The caller's row in the shared line (claims must come after it). */
  persist(t: TenantAcd, call: AcdCall): Promise<void> {
    const { request } = call;
    const { callId, priority, skills } = request;
    const [enqueuedAt, node] = [this.host.clock.now(), this.host.node];
    const record = { tenant: t.name, callId, queue: call.queue, priority, skills, enqueuedAt, node };
    return this.track(this.host.coordinator.addCaller(record)).catch((error) => {
      this.host.logger.log('error', 'ACD: coordinator did not take the caller', {
        callId: request.callId,
        error: String(error),
      });
    });
  }

  carryOut(t: TenantAcd, offers: Offer[]): void {
    // Not tracked as a whole: ringing waits for the phone, which only moving time brings.
    for (const offer of offers)
      void this.ring(t, offer).catch((error) => {
        this.host.logger.log('error', 'ACD: offer failed unexpectedly', {
          callId: offer.callId,
          error: String(error),
        });
      });
    this.host.cluster?.operatorsFreed(t); // they claim their next caller across the processes
  }

  /** Rings the chosen operator; on answer connects, on failure reports back to the core. */
  private async ring(t: TenantAcd, offer: Offer): Promise<void> {
    const { pbx, coordinator, node } = this.host;
    const call = this.calls.get(offer.callId);
    if (!call) return this.freeOperator(t, offer.callId);
    await call.persisted;
    const claimed: ClaimOutcome | 'error' = offer.preclaimed
      ? 'claimed'
      : await this.sync
          .operator(t.name, offer.operatorId, () =>
            coordinator.claim(t.name, offer.operatorId, offer.callId, node, offer.queue === null),
          )
          .catch((error) => {
            this.host.logger.log('warn', 'ACD: claim failed', { callId: offer.callId, error: String(error) });
            return 'error' as const;
          });
    if (gone(call)) return this.freeOperator(t, offer.callId);
    if (claimed !== 'claimed') return this.claimRefused(t, call, claimed);
    call.phase = 'ringing';
    call.operatorId = offer.operatorId;
    call.ringingEndpoint = offer.endpoint;
    call.request.onEvent?.({ type: 'ringing', operator: offer.operatorId });
    const outcome = await pbx
      .originate({
        endpoint: offer.endpoint,
        callerId: call.request.caller.number,
        timeoutSec: Math.max(1, Math.ceil(offer.ringTimeoutMs / 1000)),
        appArgs: 'operator',
        variables: { CALLFLOW_CALL_ID: offer.callId, CALLFLOW_QUEUE: offer.queue ?? '' },
      })
      .catch((error) => ({ type: 'failed' as const, reason: 'failed' as const, cause: 0, error }));
    call.ringingEndpoint = null;
    if (call.phase !== 'ringing') {
      // The caller hung up while the phone rang.
      if (outcome.type === 'answered') await this.track(pbx.hangup(outcome.channelId)).catch(() => {});
      return this.freeOperator(t, offer.callId);
    }
    if (outcome.type === 'failed') {
      const failure: OfferFailure =
        outcome.reason === 'busy'
          ? 'busy'
          : outcome.reason === 'no-answer' || outcome.reason === 'cancelled'
            ? 'no-answer'
            : 'unreachable';
      return this.offerFailed(t, call, failure);
    }
    await this.connect(t, call, offer, outcome.channelId);
  }

  private async connect(t: TenantAcd, call: AcdCall, offer: Offer, operatorChannel: string): Promise<void> {
    const { pbx, coordinator } = this.host;
    call.phase = 'connecting';
    this.stopWaiting(call);
    await call.holding;
    let legs: TalkLegs;
    try {
      legs = await this.track(TalkLegs.start(pbx, call.request.channelId, operatorChannel));
    } catch (error) {
      await this.track(pbx.hangup(operatorChannel)).catch(() => {});
      if (gone(call)) return this.freeOperator(t, offer.callId);
      this.host.logger.log('warn', 'ACD: could not bridge caller and operator', {
        callId: offer.callId,
        error: String(error),
      });
      return this.offerFailed(t, call, 'unreachable');
    }
    if (gone(call)) {
      await this.track(legs.end('caller'));
      return this.freeOperator(t, offer.callId);
    }
    const { waitedMs } = t.core.offerAnswered(offer.callId);
    void this.track(coordinator.dropCaller(t.name, offer.callId)).catch(() => {});
    call.phase = 'talking';
    call.talk = legs;
    legs.onEnd(() => this.talkEnded(t, call));
    legs.track = (p) => this.track(p);
    call.settle?.({ type: 'connected', operator: offer.operatorId, waitedMs });
    call.settle = call.fail = null;
    call.afterDirect?.(true);
    call.afterDirect = null;
  }

  /** The talk is over: the operator goes to wrap-up, then (timer) back to Ready and the next caller. */
  talkEnded(t: TenantAcd, call: AcdCall): void {
    if (call.phase !== 'talking') return;
    call.phase = 'ended';
    this.forget(call);
    this.operatorDone(t, call.request.callId);
  }

  /** The core's view of an operator leaving a call (talk ended or transferred away). */
  operatorDone(t: TenantAcd, callId: string): void {
    const ended = t.core.callEnded(callId);
    if (!ended) return;
    if (ended.wrapUpMs <= 0) {
      this.carryOut(t, ended.offers);
      return;
    }
    const timer = this.host.clock.setTimer(ended.wrapUpMs, () => {
      this.wrapTimers.delete(timer);
      this.carryOut(t, t.core.wrapUpEnded(ended.operatorId, callId));
    });
    this.wrapTimers.add(timer);
  }

  /** The store refused the claim. Alone: the operator goes NotReady; in a cluster nobody is penalised. */
  private claimRefused(t: TenantAcd, call: AcdCall, outcome: ClaimOutcome | 'error'): void {
    const cluster = this.host.cluster;
    if (!cluster) {
      this.offerFailed(t, call, 'taken');
      return;
    }
    const { callId } = call.request;
    call.phase = 'waiting';
    call.operatorId = null;
    const core = cluster.core(t);
    const operator = core.operatorOf(callId);
    const taken = outcome === 'operator-unavailable';
    const offers = taken ? core.offerTaken(callId) : core.offerWithdrawn(callId);
    if (taken && operator) cluster.operatorTaken(t, operator);
    else cluster.callerRefused(t, call);
    this.carryOut(t, offers);
    if (call.afterDirect) {
      const after = call.afterDirect;
      call.afterDirect = null;
      after(false);
      return;
    }
    if (!offers.some((o) => o.callId === callId)) cluster.claimRefused(t, call);
    if (call.expired && t.core.isWaiting(callId)) void this.track(this.leave(t, call));
  }

  private offerFailed(t: TenantAcd, call: AcdCall, failure: OfferFailure): void {
    const { callId } = call.request;
    const operator = call.operatorId ? t.core.operators.get(call.operatorId) : undefined;
    call.phase = 'waiting';
    call.operatorId = null;
    const offers = t.core.offerFailed(callId, failure);
    if (failure !== 'taken') {
      // Our claim holds the operator: free them (as the core has them now) as the caller returns;
      // the caller's next claim waits for its row to be back (`persisted`).
      const requeued = this.host.coordinator.requeue(t.name, callId, operator?.state ?? 'NotReady', false);
      call.persisted = this.track(requeued).then(
        () => undefined,
        () => undefined,
      );
    }
    this.carryOut(t, offers);
    if (this.host.cluster && t.core.isWaiting(callId) && !offers.some((o) => o.callId === callId))
      this.host.cluster.callerWaiting(t, call);
    if (call.afterDirect) {
      // A transfer to an operator who did not answer: the transfer puts the caller back.
      const after = call.afterDirect;
      call.afterDirect = null;
      after(false);
      return;
    }
    if (call.expired && t.core.isWaiting(callId)) void this.track(this.leave(t, call));
  }

  /** The core frees the operator of a call whose caller is gone. */
  private freeOperator(t: TenantAcd, callId: string): void {
    void this.track(this.host.coordinator.dropCaller(t.name, callId)).catch(() => {});
    this.carryOut(t, t.core.offerCancelled(callId));
  }

  private maxWaitPassed(t: TenantAcd, call: AcdCall): void {
    call.maxWaitTimer = null;
    if (call.phase === 'ringing' || call.phase === 'connecting') call.expired = true;
    else if (call.phase === 'waiting') void this.track(this.leave(t, call));
  }

  /** Max wait: back to the flow with `overflow`/`timeout`, or (transferred callers) on to the overflow queue. */
  private async leave(t: TenantAcd, call: AcdCall): Promise<void> {
    const { callId } = call.request;
    const def = t.core.queue(call.queue)!;
    const left = t.core.leave(callId, 'timeout');
    if (!left) return;
    this.stopWaiting(call);
    void this.track(this.host.coordinator.removeCaller(t.name, callId)).catch(() => {});
    if (!call.awaited) {
      if (def.overflow && t.core.queue(def.overflow) && !call.visited.has(def.overflow))
        this.join(t, call, def.overflow, false);
      else this.join(t, call, call.queue, true);
      return;
    }
    call.phase = 'ended';
    const bridge = await call.holding;
    if (bridge) await this.bridges.leave(bridge, call.request.channelId).catch(() => {});
    this.forget(call);
    call.settle?.({
      type: def.overflow ? 'overflow' : 'timeout',
      waitedMs: this.host.clock.now() - left.enqueuedAt,
    });
    call.settle = call.fail = null;
  }

  /** The caller hung up (the session's `cancel`, or the channel's hang-up event), in any phase. */
  callerGone(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.phase === 'ended') return;
    const t = this.host.tenant(call.tenant);
    const phase = call.phase;
    call.phase = 'ended';
    this.stopWaiting(call);
    if (phase === 'waiting') {
      t.core.leave(callId, 'abandoned');
      void this.track(call.persisted.then(() => this.host.coordinator.removeCaller(t.name, callId))).catch(
        () => {},
      );
    } else if (phase === 'ringing' && call.ringingEndpoint) {
      void this.host.pbx.cancelOriginate?.(call.ringingEndpoint).catch(() => {});
    } else if (phase === 'talking' || phase === 'external') {
      void this.track(call.talk?.end('caller') ?? Promise.resolve());
      if (phase === 'talking') this.operatorDone(t, callId);
    }
    this.forget(call);
    call.fail?.(new CallerLeftQueue(callId));
    call.settle = call.fail = null;
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.inflight++;
    return promise.finally(() => this.inflight--);
  }

  stopWaiting(call: AcdCall): void {
    this.host.clock.clearTimer(call.maxWaitTimer);
    this.host.clock.clearTimer(call.announceTimer);
    call.maxWaitTimer = call.announceTimer = null;
    call.announcing?.abort();
    call.announcing = null;
  }

  forget(call: AcdCall): void {
    this.stopWaiting(call);
    call.unsubscribe();
    if (this.calls.get(call.request.callId) === call) this.calls.delete(call.request.callId);
  }

  async stop(): Promise<void> {
    for (const call of [...this.calls.values()]) this.forget(call);
    for (const timer of this.wrapTimers) this.host.clock.clearTimer(timer);
    this.wrapTimers.clear();
    await this.bridges.destroyAll();
  }
}

/** Read through a function so the compiler does not narrow a phase that another event may change. */
function gone(call: AcdCall): boolean {
  return call.phase === 'ended';
}
