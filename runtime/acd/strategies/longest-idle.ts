/**
 * `longest-idle`: the operator available longest (since the end of their last wrap-up, or since
 * they chose Ready). Candidates already come in that order, so this is the first one.
 */
import type { RoutingStrategy } from './strategy.ts';

export const longestIdle: RoutingStrategy = {
  name: 'longest-idle',
  choose(candidates) {
    for (const op of candidates) return op;
    return null;
  },
};
