/**
 * The smallest mean absolute EWT error any estimator can reach in an M/M/N queue (Erlang C's
 * model: Poisson arrivals, exponential handle times, FIFO, nobody gives up), relative to the mean
 * wait — the yardstick the benchmark prints beside the measured error.
 *
 * A caller who finds all N operators busy and j callers ahead waits for j + 1 operators to free up:
 * a Gamma(j + 1, N / H) time, whatever else is known at that moment (handle times are memoryless, so
 * how long the busy operators have talked tells nothing). The estimate with the smallest mean
 * absolute error is that distribution's median; its error is E|X − median|. In steady state the
 * number ahead of a caller who must wait is geometric: P(j) = (1 − ρ) ρ^j with ρ = A / N. So
 *
 *     floor = Σ_j P(j) · E|X_{j+1} − median_{j+1}|  /  Σ_j P(j) · (j + 1)
 *
 * in units of H / N, which cancel. Gamma(n, 1) for whole n: F_n(x) = 1 − e^(−x) Σ_{i<n} x^i / i!,
 * and E|X − c| = n − c + 2 (c · F_n(c) − n · F_{n+1}(c)).
 */

/** P(Gamma(n, 1) ≤ x) for a whole n ≥ 1. */
export function gammaCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  let term = Math.exp(-x);
  let sum = term;
  for (let i = 1; i < n; i++) {
    term *= x / i;
    sum += term;
  }
  return Math.max(0, 1 - sum);
}

/** The median of Gamma(n, 1), by bisection. */
export function exactGammaMedian(n: number): number {
  let lo = Math.max(0, n - 1);
  let hi = n + 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (gammaCdf(n, mid) < 0.5) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** E|X − c| for X ~ Gamma(n, 1). */
export function meanAbsoluteDeviation(n: number, c: number): number {
  return n - c + 2 * (c * gammaCdf(n, c) - n * gammaCdf(n + 1, c));
}

/** The best possible Σ|error| / Σ wait for callers who wait, in an M/M/N queue of `traffic` erlangs. */
export function ewtErrorFloor(agents: number, traffic: number): number {
  const rho = traffic / agents;
  let error = 0;
  let wait = 0;
  for (let j = 0, p = 1 - rho; j < 2_000 && p > 1e-12; j++, p *= rho) {
    const n = j + 1;
    error += p * meanAbsoluteDeviation(n, exactGammaMedian(n));
    wait += p * n;
  }
  return error / wait;
}
