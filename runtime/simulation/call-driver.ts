/**
 * Plays the caller's side of one simulated call on virtual time: waits until the call asks for
 * keys before pressing them (as a person listening would), lets time run from one timer to the next
 * when nothing else can happen, and reports why it stopped. Used by `callflow simulate` and the
 * flow-test runner.
 */
import type { CallEvent } from '../call-events.ts';
import type { CallRecord } from '../call-log.ts';
import type { Simulation } from './simulation.ts';

export type RunResult = 'done' | 'ended' | 'stuck' | 'limit';

/** Virtual time one wait may take before the driver gives up (queues can be long, not endless). */
export const DEFAULT_LIMIT_MS = 2 * 3_600_000;

export class CallDriver {
  private answeredWaits = 0;

  constructor(
    private readonly simulation: Simulation,
    readonly channelId: string,
  ) {}

  /** The runtime's id of this call ('' until the runtime has taken it). */
  get callId(): string {
    const started = this.simulation.events.find(
      (e) => e.type === 'call-started' && e.channelId === this.channelId,
    );
    return started?.callId ?? '';
  }

  events(): CallEvent[] {
    const id = this.callId;
    return id === '' ? [] : this.simulation.events.filter((e) => e.callId === id);
  }

  ended(): CallRecord | undefined {
    const end = this.events().find((e) => e.type === 'call-ended');
    return end?.type === 'call-ended' ? end.record : undefined;
  }

  /** True when the call's latest request for keys has not been answered by this driver yet. */
  waitingForInput(): boolean {
    const events = this.events();
    const waits = events.filter((e) => e.type === 'waiting' && e.for === 'keys').length;
    if (waits <= this.answeredWaits) return false;
    const last = [...events]
      .reverse()
      .find((e) => e.type === 'waiting' || e.type === 'keys' || e.type === 'prompt');
    return last?.type === 'waiting' && last.for === 'keys';
  }

  /**
   * Moves virtual time timer by timer until `done()` holds. Stops early when the call ends
   * ('ended'), when nothing is left to happen ('stuck'), or past `limitMs` of virtual time.
   */
  async runUntil(done: () => boolean, limitMs = DEFAULT_LIMIT_MS): Promise<RunResult> {
    const { clock } = this.simulation;
    const stop = clock.now() + limitMs;
    await clock.advance(0);
    for (;;) {
      if (done()) return 'done';
      if (this.ended()) return 'ended';
      const next = clock.nextDueAt();
      if (next === null) return 'stuck';
      if (next > stop) {
        await clock.advanceTo(stop);
        return done() ? 'done' : 'limit';
      }
      await clock.advanceTo(next);
    }
  }

  /** Waits until the call asks for keys, then presses them. */
  async press(keys: string, limitMs?: number): Promise<RunResult> {
    const result = await this.runUntil(() => this.waitingForInput(), limitMs);
    if (result !== 'done') return result;
    this.answeredWaits = this.events().filter((e) => e.type === 'waiting' && e.for === 'keys').length;
    this.simulation.pbx.control.pressKeys(this.channelId, keys);
    await this.simulation.clock.advance(0);
    return 'done';
  }

  /** Lets `ms` of virtual time pass without the caller doing anything. */
  async wait(ms: number): Promise<RunResult> {
    await this.simulation.clock.advance(ms);
    return this.ended() ? 'ended' : 'done';
  }

  async hangup(): Promise<void> {
    this.simulation.pbx.control.hangup(this.channelId);
    await this.simulation.clock.advance(0);
  }

  /** Runs until the call has ended (the flow, an operator or a limit ended it). */
  async untilEnded(limitMs?: number): Promise<CallRecord | undefined> {
    await this.runUntil(() => this.ended() !== undefined, limitMs);
    return this.ended();
  }
}
