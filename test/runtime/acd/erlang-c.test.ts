import { describe, expect, it } from 'vitest';
import {
  agentsForServiceLevel,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  serviceLevel,
} from '../../../runtime/acd/erlang-c.ts';

// The textbook example (e.g. Call Centre Helper's Erlang C walk-through): 100 calls in 30 minutes,
// 180 s average handle time = 10 erlangs, target 80 % answered within 20 s.
const example = { arrivalRate: 100 / 1800, handleTime: 180 };

describe('Erlang C', () => {
  it('matches closed forms: M/M/1 waits with probability ρ; two agents at 1 erlang wait 1/3', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
  });

  it.each([
    [11, 0.6821, 122.8, 0.3896],
    [12, 0.4494, 40.4, 0.6402],
    [13, 0.2853, 17.1, 0.7956],
    [14, 0.1741, 7.8, 0.8884],
    [15, 0.102, 3.7, 0.9415],
  ])('10 erlangs on %i agents: P(wait) %f, ASA %f s, service level %f', (agents, pWait, asa, sl) => {
    expect(erlangC(agents, 10)).toBeCloseTo(pWait, 4);
    expect(averageSpeedOfAnswer({ ...example, agents })).toBeCloseTo(asa, 1);
    expect(serviceLevel({ ...example, agents }, 20)).toBeCloseTo(sl, 4);
  });

  it('sizes the team: 14 agents reach 80/20 in the example (13 do not)', () => {
    expect(agentsForServiceLevel(example, 20, 0.8)).toBe(14);
    expect(serviceLevel({ ...example, agents: 13 }, 20)).toBeLessThan(0.8);
  });

  it('an overloaded team: everyone waits, forever on average', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(averageSpeedOfAnswer({ ...example, agents: 9 })).toBe(Number.POSITIVE_INFINITY);
    expect(serviceLevel({ ...example, agents: 10 }, 20)).toBe(0);
  });

  it('stays stable for large teams', () => {
    const c = erlangC(1000, 950);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });
});
