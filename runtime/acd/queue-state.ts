/**
 * One queue as the routing core keeps it: its definition, its waiting line, the strategy's memory,
 * the running averages behind the wait estimate, and the counters behind the dashboard figures.
 * The wait estimate and the snapshot are computed here from the queue and the operator roster.
 */
import type { WaitingCaller } from './acd-core-types.ts';
import {
  AbandonShare,
  EwtAccuracy,
  type EwtAccuracyStats,
  estimateWaitMs,
  HandleTimeAverage,
} from './ewt.ts';
import { hasSkills } from './operator.ts';
import type { OperatorRoster } from './operator-roster.ts';
import type { QueueDefinition } from './queue-model.ts';
import { emptyCounters, type QueueCounters, type QueueFigures, queueFigures } from './queue-stats.ts';
import type { StrategyMemory } from './strategies/index.ts';
import { WaitingLine } from './waiting-line.ts';

export interface QueueState {
  def: QueueDefinition;
  line: WaitingLine<WaitingCaller>;
  memory: StrategyMemory;
  handleTime: HandleTimeAverage;
  abandons: AbandonShare;
  counters: QueueCounters;
  accuracy: EwtAccuracy;
}

export interface QueueSnapshot extends QueueFigures {
  name: string;
  waiting: number;
  ready: number;
  /** Members logged in (any state). */
  loggedIn: number;
  /** Members ready, on a call or in wrap-up. */
  serving: number;
  longestWaitMs: number;
  averageHandleMs: number;
  counters: QueueCounters;
  ewt: EwtAccuracyStats;
}

export function newQueueState(def: QueueDefinition, initialHandleMs: number): QueueState {
  return {
    def,
    line: new WaitingLine(),
    memory: { lastOrder: null },
    handleTime: new HandleTimeAverage(initialHandleMs),
    abandons: new AbandonShare(),
    counters: emptyCounters(),
    accuracy: new EwtAccuracy(),
  };
}

/** The estimated wait (ewt.ts) of a caller waiting in `q`, ms. */
export function estimateFor(
  q: QueueState,
  caller: WaitingCaller,
  roster: OperatorRoster,
  waitingIn: (queue: string) => number,
): number {
  const position = q.line.position(caller.callId) ?? 1;
  let ready = 0;
  for (const _ of roster.ready.candidates(q.def.name, caller.skills)) ready++;
  // An operator of k queues that have callers waiting gives each of them about 1/k of their time.
  let serving = 0;
  for (const op of roster.membersOf(q.def.name)) {
    if (!roster.serving(op) || !hasSkills(op, caller.skills)) continue;
    let busyQueues = 0;
    for (const other of op.memberships.keys()) if (waitingIn(other) > 0) busyQueues++;
    serving += 1 / Math.max(1, busyQueues);
  }
  const averageHandleMs = q.handleTime.averageMs;
  return estimateWaitMs({ position, serving, ready, averageHandleMs, abandonShare: q.abandons.share });
}

export function snapshotOf(q: QueueState, roster: OperatorRoster, now: number): QueueSnapshot {
  let serving = 0;
  let loggedIn = 0;
  for (const op of roster.membersOf(q.def.name)) {
    if (roster.serving(op)) serving++;
    if (op.endpoint !== null) loggedIn++;
  }
  const head = q.line.first();
  return {
    name: q.def.name,
    waiting: q.line.size,
    ready: roster.ready.countIn(q.def.name),
    loggedIn,
    serving,
    longestWaitMs: head ? now - head.enqueuedAt : 0,
    averageHandleMs: q.handleTime.averageMs,
    counters: { ...q.counters },
    ...queueFigures(q.counters),
    ewt: q.accuracy.stats(),
  };
}

/** An answered caller in the queue's counters and its estimate against the wait it had. */
export function countAnswered(q: QueueState, caller: WaitingCaller, waitedMs: number): void {
  q.counters.answered++;
  q.counters.answeredWaitMs += waitedMs;
  if (waitedMs <= q.def.serviceLevelMs) q.counters.answeredWithinServiceLevel++;
  if (caller.firstEstimateMs === null) return;
  q.accuracy.record(caller.firstEstimateMs, waitedMs);
  q.abandons.observe(false);
}

/** A caller who hung up before being answered (waiting, or while an operator's phone rang). */
export function countAbandoned(q: QueueState, caller: WaitingCaller, waitedMs: number): void {
  if (caller.firstEstimateMs !== null) q.abandons.observe(true);
  q.counters.abandoned++;
  q.counters.abandonedWaitMs += waitedMs;
}
