/**
 * Erlang C: the M/M/N queue (Poisson arrivals, exponential handle times, N operators, callers who
 * wait as long as needed). Workforce planning's reference model, used here to check the ACD
 * against theory and to size queues.
 *
 *   traffic A = λ · H (erlangs), occupancy ρ = A / N (must be < 1)
 *   Erlang B by the stable recurrence B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))
 *   P(wait) = C(N, A) = N·B / (N − A·(1 − B))
 *   ASA = C · H / (N − A)
 *   service level (answered within t) = 1 − C · e^(−(N − A)·t / H)
 */

export interface ErlangInputs {
  agents: number;
  /** Calls per second. */
  arrivalRate: number;
  /** Average handle time, seconds. */
  handleTime: number;
}

export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Probability that a caller has to wait; 1 when the operators cannot keep up (A ≥ N). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (traffic >= agents) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

export function trafficOf(inputs: ErlangInputs): number {
  return inputs.arrivalRate * inputs.handleTime;
}

/** Average speed of answer in seconds (Infinity when overloaded). */
export function averageSpeedOfAnswer(inputs: ErlangInputs): number {
  const a = trafficOf(inputs);
  if (a >= inputs.agents) return Number.POSITIVE_INFINITY;
  return (erlangC(inputs.agents, a) * inputs.handleTime) / (inputs.agents - a);
}

/** Share of callers answered within `targetSec` (0 when overloaded). */
export function serviceLevel(inputs: ErlangInputs, targetSec: number): number {
  const a = trafficOf(inputs);
  if (a >= inputs.agents) return 0;
  return 1 - erlangC(inputs.agents, a) * Math.exp((-(inputs.agents - a) * targetSec) / inputs.handleTime);
}

/** The fewest operators that reach `target` service level within `targetSec`. */
export function agentsForServiceLevel(
  inputs: Omit<ErlangInputs, 'agents'>,
  targetSec: number,
  target: number,
): number {
  const a = trafficOf({ ...inputs, agents: 0 });
  let n = Math.max(1, Math.floor(a) + 1);
  while (serviceLevel({ ...inputs, agents: n }, targetSec) < target) n++;
  return n;
}
