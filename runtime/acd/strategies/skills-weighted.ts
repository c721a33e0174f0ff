/**
 * `skills-weighted` («с учетом квалификации»): among operators who have every skill the call needs,
 * the one whose levels in those skills add up highest; a call that needs no skill goes by the
 * operator's level in the queue. Equal scores: the one idle longest.
 */
import type { AcdOperator } from '../operator.ts';
import type { RoutingStrategy } from './strategy.ts';

export const skillsWeighted: RoutingStrategy = {
  name: 'skills-weighted',
  choose(candidates, ctx) {
    let best: AcdOperator | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const op of candidates) {
      let score = 0;
      if (ctx.skills.length === 0) score = op.memberships.get(ctx.queue.name)?.level ?? 1;
      else for (const skill of ctx.skills) score += op.skills.get(skill) ?? 0;
      if (score > bestScore) {
        best = op;
        bestScore = score;
      }
    }
    return best;
  },
};
