/**
 * Calls placed from the studio's call simulator: a caller on the PBX simulator dials one of the
 * tenant's numbers, the runtime answers it like any call, and everything the caller hears and does
 * comes back as events (kept with the call and sent over the WebSocket). A simulated call has its
 * own id, known before the PBX has a channel (a call can be scheduled `at` a later time); it belongs
 * to one tenant, and other tenants get 404 for it.
 *
 * A call can run on a draft (a source sent with it, loaded but never deployed) and at another time
 * of day (the flow's clock shifted for that call only): the runtime is told how before the PBX
 * delivers the call. Its steps carry the flow's variables, secrets masked by the runtime.
 */
import { randomUUID } from 'node:crypto';
import type { CallEvent } from '../../../runtime/call-events.ts';
import type { Clock, TimerHandle } from '../../../runtime/clock.ts';
import type { Logger } from '../../../runtime/logger.ts';
import type { Deployment, Runtime } from '../../../runtime/runtime.ts';
import type { SimControl } from '../../../telephony/simulator/control.ts';
import { callEventView, type VersionOf } from './call-event-view.ts';
import type { LiveEvents } from './live-events.ts';

export type SimulatedCallStatus = 'scheduled' | 'ringing' | 'in-progress' | 'ended';

export interface SimulatedCall {
  id: string;
  tenant: string;
  ownerId: string;
  from: string;
  to: string;
  /** When the call is (or was) placed, ms since the epoch on the server's clock. */
  placeAt: number;
  status: SimulatedCallStatus;
  /** The caller's channel on the PBX, once placed. */
  channelId: string | null;
  /** The runtime's call id, once a flow answered. */
  callId: string | null;
  /** True when the call runs on a source sent with it (a draft), not on the deployed version. */
  draft: boolean;
  /** The flow's clock when the call is placed (ms since the epoch), when not the server's. */
  clockAt: number | null;
  events: Record<string, unknown>[];
}

/** How a call runs when not as its number says: on a draft, and/or at another time of day. */
export interface SimulatedCallSetup {
  /** A draft loaded with `runtime.loadTrial`; the call owns it from here on. */
  trial?: Deployment;
  /** What the flow's clock shows when the call is placed (ms since the epoch). */
  clockAt?: number;
}

export interface SimulatedCallsOptions {
  control: SimControl;
  runtime: Runtime;
  clock: Clock;
  live: LiveEvents;
  versionOf: VersionOf;
  logger: Logger;
  /** Finished calls kept for GET (oldest forgotten first). */
  keep?: number;
}

/** Events kept per call: a runaway flow must not fill the memory. */
const MAX_EVENTS = 1_000;

export class SimulatedCalls {
  private readonly calls = new Map<string, SimulatedCall>();
  private readonly byChannel = new Map<string, SimulatedCall>();
  private readonly byCallId = new Map<string, SimulatedCall>();
  private readonly timers = new Map<string, TimerHandle>();
  /** Setups of calls not ended yet, and what undoes each (drops the arrangement, frees a draft). */
  private readonly setups = new Map<string, { setup: SimulatedCallSetup; release: () => void }>();
  private readonly offRuntime: () => void;
  private readonly offVars: () => void;
  private readonly offPbx: () => void;

  constructor(private readonly options: SimulatedCallsOptions) {
    this.offRuntime = options.runtime.events.on((event) => this.onRuntimeEvent(event));
    // The panel shows the variables: the runtime adds them to the steps of these calls only.
    this.offVars = options.runtime.events.watchVars((callId) => this.byCallId.has(callId));
    // A call no flow took (no route, refused) ends on the PBX without a runtime 'call-ended' for it.
    this.offPbx = options.control.onTranscript((entry) => {
      if (entry.kind !== 'hangup') return;
      const call = this.byChannel.get(entry.callId);
      if (call && call.status === 'ringing')
        this.end(call, { type: 'end', outcome: 'failed', cause: entry.causeText });
    });
  }

  place(input: {
    tenant: string;
    ownerId: string;
    from: string;
    to: string;
    at?: number;
    setup?: SimulatedCallSetup;
  }): SimulatedCall {
    const now = this.options.clock.now();
    const setup = input.setup ?? {};
    const call: SimulatedCall = {
      id: randomUUID(),
      tenant: input.tenant,
      ownerId: input.ownerId,
      from: input.from,
      to: input.to,
      placeAt: Math.max(now, input.at ?? now),
      status: 'scheduled',
      channelId: null,
      callId: null,
      draft: setup.trial !== undefined,
      clockAt: setup.clockAt ?? null,
      events: [],
    };
    this.calls.set(call.id, call);
    if (setup.trial || setup.clockAt !== undefined) {
      const trial = setup.trial;
      this.setups.set(call.id, {
        setup,
        release: () => {
          if (trial) this.options.runtime.releaseTrial(trial);
        },
      });
    }
    this.forgetOld();
    if (call.placeAt > now) {
      this.note(call, { type: 'scheduled', at: call.placeAt });
      this.timers.set(
        call.id,
        this.options.clock.setTimer(call.placeAt - now, () => this.dial(call)),
      );
    } else {
      this.dial(call);
    }
    return call;
  }

  /** A call of this tenant, or null (also for another tenant's call id). */
  get(tenant: string, id: string): SimulatedCall | null {
    const call = this.calls.get(id);
    return call && call.tenant === tenant ? call : null;
  }

  pressKeys(call: SimulatedCall, digits: string): boolean {
    if (call.status === 'ended' || !call.channelId) return false;
    const ok = this.options.control.pressKeys(call.channelId, digits);
    if (ok) this.note(call, { type: 'pressed', digits: digits.replace(/./g, '•') });
    return ok;
  }

  hangup(call: SimulatedCall): boolean {
    if (call.status === 'ended') return false;
    if (call.status === 'scheduled') {
      this.options.clock.clearTimer(this.timers.get(call.id));
      this.timers.delete(call.id);
      this.end(call, { type: 'end', outcome: 'cancelled' });
      return true;
    }
    return call.channelId ? this.options.control.hangup(call.channelId) : false;
  }

  close(): void {
    this.offRuntime();
    this.offVars();
    this.offPbx();
    for (const timer of this.timers.values()) this.options.clock.clearTimer(timer);
    this.timers.clear();
    for (const { release } of this.setups.values()) release();
    this.setups.clear();
  }

  private dial(call: SimulatedCall): void {
    this.timers.delete(call.id);
    try {
      const placed = this.options.control.placeCall({ from: call.from, to: call.to });
      call.channelId = placed.id;
      call.status = 'ringing';
      this.byChannel.set(placed.id, call);
      this.arrange(call, placed.id);
      this.note(call, { type: 'placed', channelId: placed.id });
    } catch (error) {
      this.options.logger.log('warn', 'simulated call could not be placed', {
        error: (error as Error).message,
      });
      this.end(call, { type: 'end', outcome: 'failed', message: (error as Error).message });
    }
  }

  /**
   * Tells the runtime how this call runs before the PBX delivers it (the simulator answers
   * `placeCall` at once and delivers the call over its event socket later).
   */
  private arrange(call: SimulatedCall, channelId: string): void {
    const held = this.setups.get(call.id);
    if (!held) return;
    const { trial, clockAt } = held.setup;
    const shift = clockAt === undefined ? undefined : clockAt - this.options.clock.now();
    held.release = this.options.runtime.arrangeCall(channelId, {
      deployment: trial,
      flowTimeShiftMs: shift,
    });
  }

  private onRuntimeEvent(event: CallEvent): void {
    let call = this.byCallId.get(event.callId);
    if (!call && event.type === 'call-started') {
      call = this.byChannel.get(event.channelId);
      if (!call) return;
      // The number belongs to the tenant (checked when placed); a mismatch means a misrouted call.
      if (event.tenant !== call.tenant) return;
      call.callId = event.callId;
      call.status = 'in-progress';
      this.byCallId.set(event.callId, call);
    }
    if (!call) return;
    const view = callEventView(event, this.options.versionOf);
    if (event.type === 'call-ended') this.end(call, { ...view, type: 'end' });
    else this.note(call, view);
  }

  private note(call: SimulatedCall, event: Record<string, unknown>): void {
    const stamped = { at: this.options.clock.now(), ...event };
    if (call.events.length < MAX_EVENTS) call.events.push(stamped);
    this.options.live.publish({ kind: 'sim', tenant: call.tenant, simId: call.id, event: stamped });
  }

  private end(call: SimulatedCall, event: Record<string, unknown>): void {
    call.status = 'ended';
    this.setups.get(call.id)?.release();
    this.setups.delete(call.id);
    this.note(call, event);
    if (call.channelId) this.byChannel.delete(call.channelId);
    if (call.callId) this.byCallId.delete(call.callId);
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 500;
    if (this.calls.size <= keep) return;
    for (const [id, call] of this.calls) {
      if (this.calls.size <= keep) break;
      if (call.status === 'ended') this.calls.delete(id);
    }
    this.options.control.forgetFinished();
  }
}
