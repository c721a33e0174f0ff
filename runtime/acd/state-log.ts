/**
 * Every operator state change, for efficiency reports (seed 000: «Статус оператора в каждый момент
 * времени фиксируется системой»). The routing core writes synchronously into a sink; a storage sink
 * buffers and flushes in batches (runtime/store has the drizzle one), so a slow database never
 * holds up a routing decision.
 */

export interface StateChange {
  tenant: string;
  operatorId: string;
  from: string;
  to: string;
  /** Why: 'operator' (chosen in the console), 'ring-no-answer', a queue name for wrap-up, ... */
  reason: string | null;
  /** The call that caused it (Busy, WrapUp), when there is one. */
  callId: string | null;
  /** Clock time, ms since the epoch. */
  at: number;
  /**
   * A change made by the process that owns the operator, mirrored here (cluster.ts): announced to
   * this process's listeners, never written to the log (its owner wrote it) nor shared again.
   */
  mirrored?: boolean;
}

export interface StateLogSink {
  write(change: StateChange): void;
  /** Waits until everything written so far is stored. */
  flush?(): Promise<void>;
}

export class InMemoryStateLog implements StateLogSink {
  readonly changes: StateChange[] = [];

  write(change: StateChange): void {
    this.changes.push(change);
  }

  forOperator(operatorId: string): StateChange[] {
    return this.changes.filter((c) => c.operatorId === operatorId);
  }

  /** Time spent in each state between `from` and `to` (ms), from the log alone. */
  timeInStates(operatorId: string, from: number, to: number): Record<string, number> {
    const totals: Record<string, number> = {};
    const changes = this.forOperator(operatorId);
    for (let i = 0; i < changes.length; i++) {
      const start = Math.max(from, changes[i].at);
      const end = Math.min(to, changes[i + 1]?.at ?? to);
      if (end > start) totals[changes[i].to] = (totals[changes[i].to] ?? 0) + end - start;
    }
    return totals;
  }
}
