/** Every routing strategy by the name a workspace queue's `strategy` uses. */
import type { StrategyName } from '../queue-model.ts';
import { fewestCalls } from './fewest-calls.ts';
import { leastTalkTime } from './least-talk-time.ts';
import { longestIdle } from './longest-idle.ts';
import { ordered } from './ordered.ts';
import { random } from './random.ts';
import { roundRobin } from './round-robin.ts';
import { skillsWeighted } from './skills-weighted.ts';
import type { RoutingStrategy } from './strategy.ts';

export const STRATEGIES: Record<StrategyName, RoutingStrategy> = {
  ordered,
  'round-robin': roundRobin,
  'longest-idle': longestIdle,
  'fewest-calls': fewestCalls,
  'least-talk-time': leastTalkTime,
  random,
  'skills-weighted': skillsWeighted,
};

export type { RoutingStrategy, StrategyContext, StrategyMemory } from './strategy.ts';
