/**
 * The routing core of one tenant when several runtime processes share the line (cluster.ts). The
 * caller side stays local — an arriving caller is offered by the queue's strategy to one of this
 * process's ready operators — but an operator who frees up takes the best caller of all processes:
 * the core does not choose for them (`freed` collects them) and the cluster claims in the shared
 * store (`claimNext`: priority, then arrival across the processes), then `assign`s the result or,
 * when nothing was claimable there, asks the core's local choice (`pullLocal`).
 * A claim refused by the store undoes the core's offer: `offerTaken` (the operator went to another
 * process), `offerWithdrawn` (the caller is being offered by another process's claim).
 */
import type { Offer } from './acd-core.ts';
import { AcdCore, type AcdCoreOptions } from './acd-core.ts';
import type { AcdOperator } from './operator.ts';

export class SharedAcdCore extends AcdCore {
  private readonly freed = new Set<AcdOperator>();
  private deferring = true;

  constructor(options: AcdCoreOptions) {
    super(options);
  }

  /** Operators who became free since the last call: the cluster claims their next caller. */
  takeFreed(): AcdOperator[] {
    const freed = [...this.freed].filter((op) => this.operators.available(op));
    this.freed.clear();
    return freed;
  }

  /** The core's own choice for a free operator (nothing was claimable in the shared store). */
  pullLocal(operatorId: string): Offer[] {
    this.deferring = false;
    try {
      return this.offersFor(this.operators.require(operatorId));
    } finally {
      this.deferring = true;
    }
  }

  /**
   * The shared store gave this waiting caller to this operator (a claim made here or elsewhere):
   * the offer to ring, already claimed. Null when the caller no longer waits here or the operator
   * is not free here.
   */
  assign(callId: string, operatorId: string): Offer | null {
    const caller = this.waiting.get(callId);
    const op = this.operators.get(operatorId);
    if (!caller || !op || op.remote || op.callId !== null || op.endpoint === null) return null;
    const q = this.queues.get(caller.queue)!;
    this.leaveLine(q, caller, null);
    return { ...this.offer(op, caller, callId, q.def.ringTimeoutMs), preclaimed: true };
  }

  /**
   * The claim found the operator taken by another process: they are that process's now (its
   * presence message follows); the caller goes back to its place and to the next ready operator.
   */
  offerTaken(callId: string): Offer[] {
    const e = this.ringing.get(callId);
    if (!e) return [];
    this.ringing.delete(callId);
    this.release(e.operator);
    e.operator.remote = true;
    e.operator.pending = null;
    this.operators.ready.remove(e.operator);
    if (!e.caller) return [];
    const q = this.queues.get(e.caller.queue)!;
    this.enterLine(q, e.caller);
    const offer = this.offerCaller(q, e.caller);
    return offer ? [offer] : [];
  }

  /**
   * The claim found the caller offered by another process's claim (its hand-over is on its way) or
   * being claimed right now: the caller waits at its place, not offered again from here; the
   * operator is free again.
   */
  offerWithdrawn(callId: string): Offer[] {
    const e = this.ringing.get(callId);
    if (!e) return [];
    this.ringing.delete(callId);
    if (e.caller) this.enterLine(this.queues.get(e.caller.queue)!, e.caller);
    const op = e.operator;
    return this.freeOperator(op, callId, op.pending ?? { state: 'Ready', reason: 'offer-withdrawn' });
  }

  /** Out of the ready index while their claim is on its way: no local offer meanwhile. */
  reserve(op: AcdOperator): void {
    this.operators.ready.remove(op);
  }

  /** Back in the ready index if still free (their place among the longest idle is kept). */
  unreserve(op: AcdOperator): void {
    if (this.operators.available(op) && !this.operators.ready.has(op)) this.operators.ready.add(op);
  }

  /** The operator's claim gave them another process's caller: theirs now (its message follows). */
  handOff(op: AcdOperator): void {
    op.remote = true;
    op.pending = null;
    this.operators.ready.remove(op);
  }

  /** Waiting callers per queue, best first (priority, then arrival). */
  waitingByQueue(): Map<string, string[]> {
    const byQueue = new Map<string, { callId: string; priority: number; seq: number }[]>();
    for (const c of this.waiting.values()) {
      const list = byQueue.get(c.queue) ?? [];
      byQueue.set(c.queue, list);
      list.push(c);
    }
    const sorted = new Map<string, string[]>();
    for (const [queue, list] of byQueue) {
      list.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
      sorted.set(
        queue,
        list.map((c) => c.callId),
      );
    }
    return sorted;
  }

  protected override offersFor(op: AcdOperator): Offer[] {
    if (!this.deferring) return super.offersFor(op);
    if (this.operators.available(op)) this.freed.add(op);
    return [];
  }
}
