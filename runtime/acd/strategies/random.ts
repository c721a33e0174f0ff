/**
 * `random`: any free member with equal chance (reservoir sampling, one pass, no array). The random
 * source is injected so a seeded run repeats exactly.
 */
import type { AcdOperator } from '../operator.ts';
import type { RoutingStrategy } from './strategy.ts';

export const random: RoutingStrategy = {
  name: 'random',
  choose(candidates, ctx) {
    let chosen: AcdOperator | null = null;
    let seen = 0;
    for (const op of candidates) {
      seen++;
      if (ctx.random() * seen < 1) chosen = op;
    }
    return chosen;
  },
};
