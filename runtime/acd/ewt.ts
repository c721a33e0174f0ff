/**
 * Estimated wait time (EWT) for a caller in a queue.
 *
 * Formula. A caller at position p (1 = next) of a queue with N serving operators (logged in and
 * either taking calls or on a call / in wrap-up: the ones who will free up for it) of whom R are
 * ready now, an average handle time H (talk + wrap-up, exponentially weighted, per queue), and a
 * share a of waiting callers who give up before they are answered (also weighted, per queue):
 *
 *     k   = max(0, p − R)                  operators that must free up before this caller's turn
 *     k'  = 1 + (k − 1) · (1 − a)          of the k − 1 callers still ahead, the share a leaves
 *     EWT = k' · H / N                     (0 when k = 0; N = 0: see below)
 *
 * The R ready operators take the first R callers at once; every caller after that needs one
 * operator to free up, and N busy operators free up at a rate of N / H. With a = 0 this is the
 * conditional mean wait of an M/M/N queue for a caller with k callers to be served first — unbiased
 * when handle times are exponential. It is a mean: one caller's actual wait scatters around it
 * (for k = 1 exponentially), so the error per caller cannot be small however good H is; the
 * benchmark prints it beside the error of the same formula fed the true H. `EwtAccuracy` measures it
 * live. With nobody serving the queue (N = 0) the estimate is taken as if one operator were about to
 * come (N = 1): the caller still hears a number, and an unstaffed queue is the supervisor's to fix.
 *
 * The averages move by α = 0.03 of each new observation (about the last 60 calls count): slow
 * enough not to chase the noise of single calls — a queue forms exactly when recent calls were
 * long, so a fast average overestimates the waits it is asked about — fast enough to follow a day.
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
  return ((1 + (k - 1) * stay) * inputs.averageHandleMs) / (inputs.serving > 0 ? inputs.serving : 1);
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

/** Exponentially weighted moving average of handle times. */
export class HandleTimeAverage {
  private value: number;
  private observed = 0;

  constructor(
    initialMs: number,
    private readonly alpha = 0.03,
  ) {
    this.value = initialMs;
  }

  observe(handleMs: number): void {
    if (!Number.isFinite(handleMs) || handleMs < 0) return;
    // The first observation replaces the guess outright: a guess is worth less than one real call.
    this.value = this.observed === 0 ? handleMs : this.value + this.alpha * (handleMs - this.value);
    this.observed++;
  }

  get averageMs(): number {
    return this.value;
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
 * joined) against the wait it actually had. Abandoned callers are left out: their real wait is not
 * known, only that it was longer than they stayed.
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
