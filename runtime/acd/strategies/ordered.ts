/**
 * `ordered` (linear hunting, «линейное занятие»): always the first free member in the queue's member
 * order. The first operators carry most of the load; the last ones only take calls at peaks.
 */
import { memberOrder, minBy, type RoutingStrategy } from './strategy.ts';

export const ordered: RoutingStrategy = {
  name: 'ordered',
  choose: (candidates, ctx) => minBy(candidates, (op) => memberOrder(op, ctx.queue.name)),
};
