/**
 * A routing strategy picks one operator among those who could take a call now (seed 002: «линейное
 * занятие, циклическое распределение вызовов, выбор наименее загруженного оператора, выбор с учетом
 * квалификации»). Candidates arrive longest-available first, so a strategy that finds several
 * equally good operators keeps the first it saw: the one idle longest.
 */
import type { AcdOperator } from '../operator.ts';
import type { QueueDefinition, StrategyName } from '../queue-model.ts';

/** What a strategy remembers about a queue between decisions (round-robin's last member). */
export interface StrategyMemory {
  lastOrder: number | null;
}

export interface StrategyContext {
  queue: QueueDefinition;
  /** Skills the call needs (queue + request); candidates have them all. */
  skills: readonly string[];
  memory: StrategyMemory;
  /** Uniform in [0, 1); injected so tests and benchmarks are repeatable. */
  random: () => number;
}

export interface RoutingStrategy {
  readonly name: StrategyName;
  choose(candidates: Iterable<AcdOperator>, ctx: StrategyContext): AcdOperator | null;
}

/** The member order of `op` in the queue being routed (candidates are always members). */
export function memberOrder(op: AcdOperator, queue: string): number {
  return op.memberships.get(queue)?.order ?? Number.MAX_SAFE_INTEGER;
}

/** The candidate with the smallest `score` (first seen wins ties), or null. */
export function minBy(
  candidates: Iterable<AcdOperator>,
  score: (op: AcdOperator) => number,
): AcdOperator | null {
  let best: AcdOperator | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const op of candidates) {
    const s = score(op);
    if (s < bestScore) {
      best = op;
      bestScore = s;
    }
  }
  return best;
}
