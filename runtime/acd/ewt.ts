/**
 * Estimated wait time (EWT) for a caller in a queue.
 *
 * Formula. A caller at position p (1 = next) of a queue with N serving operators (logged in and
 * either taking calls or on a call / in wrap-up: the ones who will free up for it) of whom R are
 * ready now, an average handle time H (talk + wrap-up, averaged over about the last hour, per
 * queue), and a share a of waiting callers who give up before they are answered (per queue):
 *
 *     k   = max(0, p − R)                  operators that must free up before this caller's turn
 *     k'  = 1 + (k − 1) · (1 − a)          of the k − 1 callers still ahead, the share a leaves
 *     EWT = median(Gamma(k')) · H / N      (0 when k = 0; N = 0: see below)
 *
 * Why. The R ready operators take the first R callers at once; every caller after that needs one
 * operator to free up, and N busy operators free up at a rate of N / H. With exponential handle
 * times (Erlang C's model) the k-th freeing comes after a Gamma(k, N / H) time: its mean is k · H / N
 * (the textbook estimate), its median about (k − 1/3) · H / N. The median is announced because the
 * error that matters to callers, and the one measured, is the absolute one, and the median is the
 * value that makes the mean absolute error smallest: a caller at the head of the line waits
 * Exp(H / N) — the median H·ln2 / N misses by 0.69 · H / N on average, the mean H / N by 0.74 · H / N.
 * Left out, after trying them in a discrete-event run of the same model: the remaining talk time of
 * the busy operators (memoryless handle times make it worthless; with lognormal handle times of CV
 * 0.5 a Monte Carlo over the handle-time history gained one point, 25.5 % against 26.7 %, for a
 * simulation per estimate), and the queue's dequeue rate (while callers wait it is N / H itself, a
 * noisier measure of what the live AHT and the staffing already give).
 *
 * Limits. One caller's actual wait scatters around any estimate: for k = 1 it is exponential, so
 * the error per caller cannot be small however good H is. For an M/M/N queue the best any estimator
 * can do is computed in test/bench/ewt-floor.ts (about 29 % of the mean wait at 10 erlangs on 12
 * operators); the benchmark prints it beside the measured error. With nobody serving the queue
 * (N = 0) the estimate is taken as if one operator were about to come (N = 1): the caller still
 * hears a number, and an unstaffed queue is the supervisor's to fix.
 *
 * The handle-time average weighs each call by e^(−age / 1 h): it follows a day's drift within the
 * hour but does not chase single long calls — a queue forms exactly when recent calls were long, so
 * an average over the last few calls overestimates the waits it is then asked about.
 */

export interface WaitInputs {
  /** 1-based position in the queue. */
  position: number;
  /** Operators who serve the queue: ready, busy or in wrap-up. */
  serving: number;
  /** Of those, ready right now. */
  ready: number;
  averageHandleMs: number;
  /** Share of waiting callers who give up before being answered (0..1); default 0. */
  abandonShare?: number;
}

export function estimateWaitMs(inputs: WaitInputs): number {
  const k = Math.max(0, inputs.position - inputs.ready);
  if (k === 0) return 0;
  const stay = 1 - Math.min(1, Math.max(0, inputs.abandonShare ?? 0));
  const freeings = 1 + (k - 1) * stay;
  return (gammaMedian(freeings) * inputs.averageHandleMs) / (inputs.serving > 0 ? inputs.serving : 1);
}

/**
 * The median of Gamma(k, 1) for k ≥ 1: ln 2 at k = 1 (the exponential), above it
 * k − 1/3 + 8/(405k) + 184/(25515k²) (Choi 1994), within 0.01 % from k = 2 on.
 */
export function gammaMedian(k: number): number {
  if (k <= 1) return Math.LN2;
  return k - 1 / 3 + 8 / (405 * k) + 184 / (25515 * k * k);
}

/** Exponentially weighted share of waiting callers who abandoned (1) rather than being answered (0). */
export class AbandonShare {
  private value = 0;

  constructor(private readonly alpha = 0.03) {}

  observe(abandoned: boolean): void {
    this.value += this.alpha * ((abandoned ? 1 : 0) - this.value);
  }

  get share(): number {
    return this.value;
  }
}

/** One hour: the time over which a handle-time observation loses 1 − 1/e of its weight. */
export const HANDLE_TIME_DECAY_MS = 3_600_000;

/**
 * Average handle time, each call weighted by e^(−age / decay): Σ w·h / Σ w, kept incrementally.
 * Until the first call it is the configured guess; the first real call replaces the guess outright
 * (a guess is worth less than one real call).
 */
export class HandleTimeAverage {
  private weightedSum = 0;
  private weight = 0;
  private lastAt = 0;
  private observed = 0;

  constructor(
    private readonly initialMs: number,
    private readonly decayMs = HANDLE_TIME_DECAY_MS,
  ) {}

  observe(handleMs: number, atMs: number): void {
    if (!Number.isFinite(handleMs) || handleMs < 0) return;
    const fade = this.observed === 0 ? 0 : Math.exp(-Math.max(0, atMs - this.lastAt) / this.decayMs);
    this.weightedSum = this.weightedSum * fade + handleMs;
    this.weight = this.weight * fade + 1;
    this.lastAt = Math.max(this.lastAt, atMs);
    this.observed++;
  }

  get averageMs(): number {
    return this.observed === 0 ? this.initialMs : this.weightedSum / this.weight;
  }

  get count(): number {
    return this.observed;
  }
}

export interface EwtAccuracyStats {
  /** Callers whose estimate could be checked (they waited and were answered). */
  samples: number;
  /** Mean absolute error |estimate − actual|, ms. */
  meanAbsoluteErrorMs: number;
  /** Mean signed error (estimate − actual), ms: > 0 means the estimates run long. */
  meanErrorMs: number;
  meanActualMs: number;
  meanEstimateMs: number;
  /** meanAbsoluteErrorMs / meanActualMs (0 when nobody waited). */
  relativeError: number;
}

/**
 * How good the estimates were: each answered caller's first estimate (the one announced when it
 * joined) against the wait it actually had, up to the operator answering. Who counts:
 * - callers who had to wait (no operator could take them at once, so they heard an estimate);
 *   callers offered an operator at once hear none and are not counted;
 * - only answered callers: an abandoned caller's real wait is not known, only that it was longer
 *   than they stayed (the abandon rate is reported beside).
 * The relative error is Σ|estimate − actual| / Σ actual: the mean absolute error over the mean
 * wait. A mean of per-caller ratios |e − a| / a would be ruled by the shortest waits (a caller
 * answered after 2 s against an estimate of 20 s counts 900 %), and a zero wait has no ratio at all.
 */
export class EwtAccuracy {
  private n = 0;
  private absSum = 0;
  private signedSum = 0;
  private actualSum = 0;
  private estimateSum = 0;

  record(estimateMs: number, actualMs: number): void {
    this.n++;
    this.absSum += Math.abs(estimateMs - actualMs);
    this.signedSum += estimateMs - actualMs;
    this.actualSum += actualMs;
    this.estimateSum += estimateMs;
  }

  stats(): EwtAccuracyStats {
    const n = Math.max(1, this.n);
    const meanActualMs = this.actualSum / n;
    const meanAbsoluteErrorMs = this.absSum / n;
    return {
      samples: this.n,
      meanAbsoluteErrorMs,
      meanErrorMs: this.signedSum / n,
      meanActualMs,
      meanEstimateMs: this.estimateSum / n,
      relativeError: meanActualMs > 0 ? meanAbsoluteErrorMs / meanActualMs : 0,
    };
  }
}
