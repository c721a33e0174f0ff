/** `least-talk-time`: the operator with the least talk time since log-in (evens out long calls). */
import { minBy, type RoutingStrategy } from './strategy.ts';

export const leastTalkTime: RoutingStrategy = {
  name: 'least-talk-time',
  choose: (candidates) => minBy(candidates, (op) => op.talkTimeMs),
};
