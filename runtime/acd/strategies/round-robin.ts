/**
 * `round-robin` with memory («циклическое распределение»): the first free member after the one
 * chosen last time, in member order, wrapping around. The memory survives operators coming and
 * going: it holds a place in the order, not an operator.
 */
import type { AcdOperator } from '../operator.ts';
import { memberOrder, type RoutingStrategy } from './strategy.ts';

export const roundRobin: RoutingStrategy = {
  name: 'round-robin',
  choose(candidates, ctx) {
    const last = ctx.memory.lastOrder;
    let after: AcdOperator | null = null;
    let afterOrder = Number.POSITIVE_INFINITY;
    let lowest: AcdOperator | null = null;
    let lowestOrder = Number.POSITIVE_INFINITY;
    for (const op of candidates) {
      const order = memberOrder(op, ctx.queue.name);
      if (order < lowestOrder) {
        lowest = op;
        lowestOrder = order;
      }
      if (last !== null && order > last && order < afterOrder) {
        after = op;
        afterOrder = order;
      }
    }
    const chosen = after ?? lowest;
    if (chosen) ctx.memory.lastOrder = memberOrder(chosen, ctx.queue.name);
    return chosen;
  },
};
