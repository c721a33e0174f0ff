/**
 * One caller's channel as the session sees it: the keys pressed and not yet used (type-ahead),
 * which playbacks have ended, and whether the caller is still there. Handlers wait on it with
 * `wait(check, arg, timeoutMs)`: the check runs now and after every channel event, a timer on the
 * injected clock ends the wait, and a hang-up rejects every wait with `CallEnded`. When the call
 * ends the line unsubscribes and clears its timers, so nothing of the call outlives it.
 *
 * Thousands of calls wait here at once, so a waiting call holds as little as possible: waits are
 * small class instances and checks are shared functions taking an argument, not per-call closures.
 */
import type { ChannelEvent, PbxPort } from '../../telephony/pbx-port.ts';
import type { Clock, TimerHandle } from '../clock.ts';

export class CallEnded extends Error {
  constructor(
    readonly hangupCause: number,
    readonly causeText: string,
  ) {
    super(`the call ended (${hangupCause} ${causeText})`);
    this.name = 'CallEnded';
  }
}

export const TIMEOUT = Symbol('timeout');

/** A CallEnded without a stack trace: nobody reads it, and thousands of calls end at once. */
function ended(cause: number, causeText: string): CallEnded {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new CallEnded(cause, causeText);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A condition a wait is over on: a value (the wait's result) or undefined (keep waiting). */
export type Check<T, A> = (line: CallLine, arg: A) => T | undefined;

/** The next key typed (taken from the type-ahead). */
export const nextKey: Check<string, null> = (line) => line.takeKey();
/** The next key typed, left in the type-ahead. */
export const peekKey: Check<string, null> = (line) => line.peekKey();
/** Never over: waits until the call ends. */
export const never: Check<never, null> = () => undefined;

class Wait<T, A> {
  timer: TimerHandle | null = null;

  constructor(
    private readonly line: CallLine,
    private readonly check: Check<T, A>,
    private readonly arg: A,
    private readonly resolve: (value: T | typeof TIMEOUT) => void,
    private readonly reject: (error: CallEnded) => void,
  ) {}

  recheck(): void {
    const value = this.check(this.line, this.arg);
    if (value === undefined) return;
    this.finish();
    this.resolve(value);
  }

  timeout(): void {
    this.timer = null;
    this.finish();
    this.resolve(TIMEOUT);
  }

  fail(error: CallEnded): void {
    this.finish();
    this.reject(error);
  }

  private finish(): void {
    this.line.forget(this, this.timer);
  }
}

export class CallLine {
  private readonly keys: string[] = [];
  private playbacks: Map<string, 'done' | 'failed'> | null = null;
  private recordings: Set<string> | null = null;
  private readonly waits = new Set<Wait<any, any>>();
  private endListeners: Set<(ended: CallEnded) => void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private endedWith: CallEnded | null = null;
  private inFlight = 0;

  constructor(
    private readonly pbx: PbxPort,
    readonly channelId: string,
    private readonly clock: Clock,
  ) {}

  attach(): void {
    this.unsubscribe = this.pbx.subscribe(this.channelId, (event) => this.onEvent(event));
  }

  get ended(): CallEnded | null {
    return this.endedWith;
  }

  hasKeys(): boolean {
    return this.keys.length > 0;
  }

  peekKey(): string | undefined {
    return this.keys[0];
  }

  takeKey(): string | undefined {
    return this.keys.shift();
  }

  /** Forgets a playback's outcome once the handler has read it. */
  playbackEnded(playbackId: string): 'done' | 'failed' | undefined {
    const state = this.playbacks?.get(playbackId);
    if (state) this.playbacks!.delete(playbackId);
    return state;
  }

  /** True once a recording of this channel has finished (read once). */
  recordingEnded(name: string): true | undefined {
    return this.recordings?.delete(name) ? true : undefined;
  }

  /**
   * Resolves with the first value `check(line, arg)` returns (checked now and after each channel
   * event), or with TIMEOUT after `timeoutMs` on the clock (null: no timeout). Rejects with CallEnded.
   */
  wait<T, A>(check: Check<T, A>, arg: A, timeoutMs: number | null): Promise<T | typeof TIMEOUT> {
    if (this.endedWith) return Promise.reject(this.endedWith);
    const now = check(this, arg);
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const wait = new Wait(this, check, arg, resolve, reject);
      this.waits.add(wait);
      if (timeoutMs !== null) wait.timer = this.clock.setTimer(timeoutMs, () => wait.timeout());
    });
  }

  /** @internal A wait is over. */
  forget(wait: Wait<any, any>, timer: TimerHandle | null): void {
    this.waits.delete(wait);
    this.clock.clearTimer(timer);
  }

  /**
   * Waits for a host operation, unless the caller hangs up first (then rejects with CallEnded).
   * The operation counts as work in flight (see `busy`) unless it is a long wait by nature
   * (`inFlight: false`, a queue), which a driver of virtual time must not wait out.
   */
  guard<T>(operation: Promise<T>, inFlight = true): Promise<T> {
    if (this.endedWith) {
      operation.catch(() => {});
      return Promise.reject(this.endedWith);
    }
    if (inFlight) this.inFlight++;
    return new Promise((resolve, reject) => {
      let counted = inFlight;
      const stop = this.onEnd((ended) => {
        if (counted) this.inFlight--;
        counted = false;
        reject(ended);
      });
      operation.then(
        (value) => {
          if (counted) this.inFlight--;
          counted = false;
          stop();
          resolve(value);
        },
        (error) => {
          if (counted) this.inFlight--;
          counted = false;
          stop();
          reject(error);
        },
      );
    });
  }

  /** Host operations (speech, PBX requests, data) this call is waiting on right now. */
  busy(): boolean {
    return this.inFlight > 0;
  }

  /** Runs once when the call ends (at once if it already has). Returns a remover. */
  onEnd(listener: (ended: CallEnded) => void): () => void {
    if (this.endedWith) {
      listener(this.endedWith);
      return () => {};
    }
    this.endListeners ??= new Set();
    this.endListeners.add(listener);
    return () => this.endListeners?.delete(listener);
  }

  /** Ends the line from the host's side (the flow hung up, or the session gave up). */
  close(cause = 16, causeText = 'Normal Clearing'): void {
    if (!this.endedWith) this.end(ended(cause, causeText));
  }

  private onEvent(event: ChannelEvent): void {
    switch (event.type) {
      case 'dtmf':
        this.keys.push(event.digit);
        break;
      case 'playback-finished':
        this.playbacks ??= new Map();
        this.playbacks.set(event.playbackId, event.state);
        break;
      case 'recording-finished':
        this.recordings ??= new Set();
        this.recordings.add(event.name);
        break;
      case 'hangup':
        this.end(ended(event.cause, event.causeText));
        return;
      default:
        break;
    }
    for (const wait of [...this.waits]) wait.recheck();
  }

  private end(ended: CallEnded): void {
    if (this.endedWith) return;
    this.endedWith = ended;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const wait of [...this.waits]) wait.fail(ended);
    for (const listener of [...(this.endListeners ?? [])]) listener(ended);
    this.endListeners = null;
    this.keys.length = 0;
    this.playbacks = null;
    this.recordings = null;
  }

  /** Timers and listeners still held (zero once the call has ended). */
  pendingWork(): number {
    return this.waits.size + (this.endListeners?.size ?? 0) + (this.unsubscribe ? 1 : 0);
  }
}
