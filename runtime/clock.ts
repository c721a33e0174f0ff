/**
 * Time for the runtime, injected everywhere so tests run a 10-minute queue wait in milliseconds.
 * `RealClock` wraps the process timers; `VirtualClock` only moves when a test (or the simulator's
 * driver) advances it. The PBX simulator takes the same `Clock`, so runtime and simulator share one
 * notion of "now" in tests: prompts end, digits time out and queue announcements repeat on it.
 * The shape is the simulator's `SimClock` (telephony/simulator/sim-clock.ts) exactly, so either
 * clock drives either side (test/runtime/clock.test.ts holds them to that).
 */

export interface TimerHandle {
  /** Clock time (ms since the epoch) at which the timer fires. */
  readonly due: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once, `ms` from now. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Cancels a timer; harmless for one that already fired or was cleared. */
  clearTimer(handle: TimerHandle | null | undefined): void;
}

interface RealTimer extends TimerHandle {
  timeout: ReturnType<typeof setTimeout>;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const delay = Math.max(0, ms);
    const handle: RealTimer = { due: Date.now() + delay, timeout: setTimeout(fn, delay) };
    return handle;
  }

  clearTimer(handle: TimerHandle | null | undefined): void {
    if (handle) clearTimeout((handle as RealTimer).timeout);
  }
}

interface VirtualTimer extends TimerHandle {
  seq: number;
  fn: (() => void) | null;
}

/**
 * Waits until promise continuations caused by a fired timer have run, so they can set the next
 * timers before the clock moves on. The default lets microtasks and one round of I/O callbacks run;
 * a driver talking to a real socket passes a stronger one.
 */
export type Settle = () => Promise<void>;

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function settleMacrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await macrotask();
}

/** A clock that stands still until advanced. Timers due at the same time fire in the order set. */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap: VirtualTimer[] = [];
  private live = 0;
  private readonly settle: Settle;

  private readonly batch: boolean;

  /**
   * `batch`: fire every timer due at the same instant before settling once (thousands of calls in
   * a benchmark), instead of settling after each one.
   */
  constructor(options: { start?: number | string | Date; settle?: Settle; batch?: boolean } = {}) {
    const start = options.start ?? '2026-01-05T09:00:00Z';
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
    this.settle = options.settle ?? (() => settleMacrotasks());
    this.batch = options.batch ?? false;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer: VirtualTimer = { due: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.push(timer);
    this.live++;
    return timer;
  }

  clearTimer(handle: TimerHandle | null | undefined): void {
    const timer = handle as VirtualTimer | null | undefined;
    if (timer?.fn) {
      timer.fn = null;
      this.live--;
    }
  }

  /** Timers set and not yet fired or cleared. */
  pendingTimers(): number {
    return this.live;
  }

  /** When the next live timer fires, or null when none is set. */
  nextDueAt(): number | null {
    this.dropCleared();
    return this.heap.length > 0 ? this.heap[0].due : null;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way in order, each at its
   * own time, and letting the continuations it causes run before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    await this.settle();
    for (;;) {
      const next = this.nextDueAt();
      if (next === null || next > target) break;
      this.fireNext();
      await this.settle();
    }
    this.current = target;
    await this.settle();
  }

  /** Moves to an absolute time (never backwards). */
  async advanceTo(epochMs: number): Promise<void> {
    await this.advance(Math.max(0, epochMs - this.current));
  }

  /**
   * Fires timers one after another (jumping time to each) until none is left, or until time would
   * pass `limitMs` from now. Returns how far time moved.
   */
  async runUntilIdle(limitMs = 24 * 3_600_000): Promise<number> {
    const started = this.current;
    const limit = started + limitMs;
    await this.settle();
    for (;;) {
      const next = this.nextDueAt();
      if (next === null || next > limit) break;
      this.fireNext();
      await this.settle();
    }
    return this.current - started;
  }

  /**
   * Fires timers one by one (jumping time to each) until `done()` holds; throws when no timer is left
   * or the next would pass `limitMs` from now. The tests' "run the world until this happens".
   */
  async advanceUntil(done: () => boolean | Promise<boolean>, limitMs = 3_600_000): Promise<void> {
    const stop = this.current + limitMs;
    await this.advance(0);
    while (!(await done())) {
      const next = this.nextDueAt();
      if (next === null || next > stop)
        throw new Error(`condition not reached by ${new Date(this.current).toISOString()}`);
      await this.advanceTo(next);
    }
  }

  private fireNext(): void {
    const timer = this.pop()!;
    const fn = timer.fn!;
    timer.fn = null;
    this.live--;
    if (timer.due > this.current) this.current = timer.due;
    fn();
    if (!this.batch) return;
    for (;;) {
      this.dropCleared();
      const next = this.heap[0];
      if (!next || next.due !== timer.due) return;
      this.pop();
      const more = next.fn!;
      next.fn = null;
      this.live--;
      more();
    }
  }

  private dropCleared(): void {
    while (this.heap.length > 0 && this.heap[0].fn === null) this.pop();
  }

  // A binary min-heap on (due, seq): a bench holds thousands of timers at once.
  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const child = heap[i];
      if (!before(child, heap[parent])) break;
      heap[i] = heap[parent];
      heap[parent] = child;
      i = parent;
    }
  }

  private pop(): VirtualTimer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        // Swapped through a local: a destructuring swap allocates an array on every level.
        const moved = heap[i];
        heap[i] = heap[smallest];
        heap[smallest] = moved;
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
