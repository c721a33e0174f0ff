/**
 * Operators who can be offered a call now, indexed by queue and by skill, so a routing decision
 * looks only at the operators that could take the call instead of scanning everyone.
 *
 * Each set is kept in the order operators became available (a JS Set iterates in insertion order,
 * and an operator is re-inserted each time it becomes available): the first candidate is the one
 * idle longest, which is the `longest-idle` answer and the tie-break of every other strategy.
 */
import { type AcdOperator, hasSkills } from './operator.ts';

const EMPTY: ReadonlySet<AcdOperator> = new Set();

export class ReadyIndex {
  private readonly byQueue = new Map<string, Set<AcdOperator>>();
  private readonly bySkill = new Map<string, Set<AcdOperator>>();
  private readonly all = new Set<AcdOperator>();

  add(op: AcdOperator): void {
    if (this.all.has(op)) return;
    this.all.add(op);
    for (const queue of op.memberships.keys()) setIn(this.byQueue, queue).add(op);
    for (const [skill, level] of op.skills) if (level >= 1) setIn(this.bySkill, skill).add(op);
  }

  remove(op: AcdOperator): void {
    if (!this.all.delete(op)) return;
    for (const queue of op.memberships.keys()) dropFrom(this.byQueue, queue, op);
    for (const skill of op.skills.keys()) dropFrom(this.bySkill, skill, op);
  }

  has(op: AcdOperator): boolean {
    return this.all.has(op);
  }

  /** Ready members of a queue (any skills). */
  countIn(queue: string): number {
    return this.byQueue.get(queue)?.size ?? 0;
  }

  get size(): number {
    return this.all.size;
  }

  /**
   * Ready members of `queue` having every skill in `skills`, longest available first. Walks the
   * smallest of the sets involved (the queue's, or the rarest skill's) and checks the rest.
   */
  *candidates(queue: string, skills: readonly string[]): Generator<AcdOperator> {
    let smallest = this.byQueue.get(queue) ?? EMPTY;
    for (const skill of skills) {
      const set = this.bySkill.get(skill) ?? EMPTY;
      if (set.size < smallest.size) smallest = set;
    }
    if (smallest.size === 0) return;
    const viaQueue = smallest === this.byQueue.get(queue);
    for (const op of smallest) {
      if (!viaQueue && !op.memberships.has(queue)) continue;
      if (skills.length > 0 && !hasSkills(op, skills)) continue;
      yield op;
    }
  }
}

function setIn(map: Map<string, Set<AcdOperator>>, key: string): Set<AcdOperator> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function dropFrom(map: Map<string, Set<AcdOperator>>, key: string, op: AcdOperator): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(op);
  if (set.size === 0) map.delete(key);
}
