/** `fewest-calls` («наименее загруженный»): the operator who answered the fewest calls since log-in. */
import { minBy, type RoutingStrategy } from './strategy.ts';

export const fewestCalls: RoutingStrategy = {
  name: 'fewest-calls',
  choose: (candidates) => minBy(candidates, (op) => op.callsTaken),
};
