/**
 * Time for the PBX simulator. Everything that happens "later" in the simulated PBX (a prompt ending,
 * an operator answering after 3 s, a 10-minute queue wait, DTMF arriving 200 ms after a key press)
 * goes through a SimClock, so tests can run on a VirtualClock and fast-forward with `advance(ms)`.
 */

export interface TimerHandle {
  readonly due: number;
}

export interface SimClock {
  /** Milliseconds since the Unix epoch, as the simulated PBX sees it. */
  now(): number;
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle | null | undefined): void;
}

interface RealTimer extends TimerHandle {
  timeout: ReturnType<typeof setTimeout>;
}

/** Wall-clock time with node timers (standalone `pbx-sim`, benchmarks, live demos). */
export class RealClock implements SimClock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const delay = Math.max(0, delayMs);
    const timer: RealTimer = { due: Date.now() + delay, timeout: setTimeout(fn, delay) };
    return timer;
  }

  clearTimer(handle: TimerHandle | null | undefined): void {
    if (handle) clearTimeout((handle as RealTimer).timeout);
  }
}

interface VirtualTimer extends TimerHandle {
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * Simulated time that only moves when a test calls `advance`. Timers due within the advanced span fire
 * in due order (ties in creation order), each with `now()` equal to its due time; timers created while
 * firing also fire if they fall inside the span.
 */
export class VirtualClock implements SimClock {
  private current: number;
  private seq = 0;
  private readonly heap: VirtualTimer[] = [];

  /** Default start: the first recorded trace's date, so ids and timestamps look like Asterisk's. */
  constructor(startMs: number = Date.UTC(2026, 10, 23, 17, 33, 49, 348)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timer: VirtualTimer = {
      due: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.push(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle | null | undefined): void {
    if (handle) (handle as VirtualTimer).cancelled = true;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.current + Math.max(0, ms));
  }

  advanceTo(target: number): void {
    for (;;) {
      const next = this.heap[0];
      if (!next || next.due > target) break;
      this.pop();
      if (next.cancelled) continue;
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }

  /** Fires timers due now (delay 0) without moving time. */
  flush(): void {
    this.advanceTo(this.current);
  }

  /** Number of timers still waiting (cancelled ones excluded). */
  pending(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** Due time of the next live timer, or null. */
  nextDue(): number | null {
    let best: number | null = null;
    for (const t of this.heap) if (!t.cancelled && (best === null || t.due < best)) best = t.due;
    return best;
  }

  private less(a: VirtualTimer, b: VirtualTimer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(timer: VirtualTimer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
