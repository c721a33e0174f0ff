/**
 * The simulator's control API, in process: place calls as a caller would, press keys, hang up, define
 * operator phones and their behaviour, answer or hang up as the operator, and watch what each call
 * hears (transcripts). http/control-routes.ts exposes the same over HTTP and a WebSocket under /sim/.
 */
import { callerHangup, callerPressKeys, type PlaceCallOptions, placeInboundCall } from './inbound-calls.ts';
import { answerOperator, hangupOperator, type OperatorBehaviour, operatorPressKeys } from './operators.ts';
import type { TranscriptEntry, TranscriptListener } from './transcript.ts';
import type { SimWorld } from './world.ts';

export interface SimCall {
  /** The caller's channel id (also the call id of its transcript). */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** True until the caller's channel is gone. */
  readonly alive: boolean;
  pressKeys(digits: string, gapMs?: number): void;
  hangup(): void;
  transcript(): TranscriptEntry[];
  /** The first transcript entry matching `predicate`, looking at entries already recorded first. */
  waitFor(predicate: (e: TranscriptEntry) => boolean): Promise<TranscriptEntry>;
}

export interface SimCallSummary {
  id: string;
  from: string;
  to: string;
  alive: boolean;
  state: string | null;
}

export class SimControl {
  private readonly placed = new Map<string, { from: string; to: string }>();

  constructor(readonly world: SimWorld) {}

  placeCall(options: PlaceCallOptions): SimCall {
    const ch = placeInboundCall(this.world, options);
    this.placed.set(ch.id, { from: options.from, to: options.to });
    return this.handle(ch.id);
  }

  /** A handle for a call placed earlier, or for an operator leg's call id. */
  call(id: string): SimCall | null {
    return this.placed.has(id) || this.world.transcripts.callIds().includes(id) ? this.handle(id) : null;
  }

  calls(): SimCallSummary[] {
    return [...this.placed].map(([id, p]) => {
      const ch = this.world.channels.get(id);
      return { id, from: p.from, to: p.to, alive: !!ch && !ch.hangingUp, state: ch?.state ?? null };
    });
  }

  /** Forgets finished calls and their transcripts (long runs, benchmarks). */
  forgetFinished(): number {
    let n = 0;
    for (const id of this.placed.keys()) {
      if (!this.world.channels.has(id)) {
        this.placed.delete(id);
        this.world.transcripts.forget(id);
        n++;
      }
    }
    return n;
  }

  pressKeys(callId: string, digits: string, gapMs?: number): boolean {
    const ch = this.world.channels.get(callId);
    if (!ch || ch.hangingUp) return false;
    callerPressKeys(this.world, ch, digits, gapMs);
    return true;
  }

  hangup(callId: string): boolean {
    const ch = this.world.channels.get(callId);
    if (!ch || ch.hangingUp) return false;
    callerHangup(this.world, ch);
    return true;
  }

  defineOperator(endpoint: string, behaviour: OperatorBehaviour): void {
    if (!/^(PJSIP\/[^/@]+|Local\/[^/@]+@[^/@]+)$/.test(endpoint)) {
      throw new Error(`operator endpoint must look like PJSIP/1001 or Local/1001@operators: ${endpoint}`);
    }
    this.world.operators.set(endpoint, behaviour);
  }

  removeOperator(endpoint: string): boolean {
    return this.world.operators.delete(endpoint);
  }

  operators(): Array<{ endpoint: string; behaviour: OperatorBehaviour }> {
    return [...this.world.operators].map(([endpoint, behaviour]) => ({ endpoint, behaviour }));
  }

  answerOperator(endpointOrChannelId: string): boolean {
    return answerOperator(this.world, endpointOrChannelId);
  }

  hangupOperator(endpointOrChannelId: string): boolean {
    return hangupOperator(this.world, endpointOrChannelId);
  }

  operatorPressKeys(endpointOrChannelId: string, digits: string, gapMs?: number): boolean {
    return operatorPressKeys(this.world, endpointOrChannelId, digits, gapMs);
  }

  transcript(callId: string): TranscriptEntry[] {
    return this.world.transcripts.get(callId);
  }

  onTranscript(listener: TranscriptListener): () => void {
    return this.world.transcripts.subscribe(listener);
  }

  /** Sends a raw event to an app's WebSocket (tests: unknown event types must not crash clients). */
  injectEvent(app: string, payload: unknown): boolean {
    return this.world.bus.emitRaw(app, payload);
  }

  stats() {
    return {
      channels: this.world.channels.size,
      bridges: this.world.bridges.size,
      playbacks: this.world.playbacks.size,
      liveRecordings: this.world.liveRecordings.size,
      eventsSent: this.world.bus.sent,
      apps: this.world.bus.appNames(),
    };
  }

  private handle(id: string): SimCall {
    const world = this.world;
    const placed = this.placed.get(id) ?? { from: '', to: '' };
    return {
      id,
      from: placed.from,
      to: placed.to,
      get alive() {
        const ch = world.channels.get(id);
        return !!ch && !ch.hangingUp;
      },
      pressKeys: (digits, gapMs) => void this.pressKeys(id, digits, gapMs),
      hangup: () => void this.hangup(id),
      transcript: () => world.transcripts.get(id),
      waitFor: (predicate) => {
        const seen = world.transcripts.get(id).find(predicate);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolve) => {
          const off = world.transcripts.subscribe((e) => {
            if (e.callId === id && predicate(e)) {
              off();
              resolve(e);
            }
          });
        });
      },
    };
  }
}
