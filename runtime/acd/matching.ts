/**
 * The two routing decisions. A caller arrives: the queue's strategy picks among the ready operators
 * who have the caller's skills (the ready index hands over only those). An operator becomes free:
 * the best caller of all their queues that they have the skills for — highest priority, then the
 * earliest arrival (`seq` is tenant-wide, so callers of different queues compare).
 */
import type { WaitingCaller } from './acd-core-types.ts';
import { type AcdOperator, hasSkills } from './operator.ts';
import type { QueueState } from './queue-state.ts';
import type { ReadyIndex } from './ready-index.ts';
import { STRATEGIES } from './strategies/index.ts';

export function chooseOperator(
  q: QueueState,
  caller: WaitingCaller,
  ready: ReadyIndex,
  random: () => number,
): AcdOperator | null {
  if (ready.countIn(q.def.name) === 0) return null;
  return STRATEGIES[q.def.strategy].choose(ready.candidates(q.def.name, caller.skills), {
    queue: q.def,
    skills: caller.skills,
    memory: q.memory,
    random,
  });
}

export function chooseCaller(
  op: AcdOperator,
  queueOf: (name: string) => QueueState | undefined,
): { caller: WaitingCaller; queue: QueueState } | null {
  let best: { caller: WaitingCaller; queue: QueueState } | null = null;
  for (const name of op.memberships.keys()) {
    const q = queueOf(name);
    if (!q || q.line.size === 0) continue;
    const first = q.line.first((c) => c.skills.length === 0 || hasSkills(op, c.skills));
    if (!first) continue;
    const b = best?.caller;
    if (!b || first.priority > b.priority || (first.priority === b.priority && first.seq < b.seq)) {
      best = { caller: first, queue: q };
    }
  }
  return best;
}
