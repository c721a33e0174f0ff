/**
 * The simulated PBX's state: channels, bridges, playbacks, recordings, the dialplan, operator phones,
 * plus the clock, the event bus and the transcripts. Behaviour lives in the modules named after each
 * object (channels.ts, bridges.ts, ...); this file holds the maps and who-gets-which-event.
 */
import { ariTimestamp, IdSource } from './ari-format.ts';
import { callflowDialplan, type Dialplan } from './dialplan.ts';
import { EventBus } from './event-bus.ts';
import { MediaResolver } from './media.ts';
import {
  bridgeSnapshot,
  channelSnapshot,
  type SimBridge,
  type SimChannel,
  type SimPlayback,
  type SimRecording,
  type StoredRecording,
} from './model.ts';
import type { OperatorBehaviour } from './operators.ts';
import type { SimClock } from './sim-clock.ts';
import { type TranscriptEvent, TranscriptLog } from './transcript.ts';

export interface SimWorldOptions {
  clock: SimClock;
  soundsDir?: string | null;
  asteriskId?: string;
  dialplan?: Dialplan;
  /** Context inbound calls of the control API start in (default `from-pstn`). */
  inboundContext?: string;
}

export class SimWorld {
  readonly clock: SimClock;
  readonly ids: IdSource;
  readonly bus: EventBus;
  readonly media: MediaResolver;
  readonly transcripts = new TranscriptLog();
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly liveRecordings = new Map<string, SimRecording>();
  readonly storedRecordings = new Map<string, StoredRecording>();
  readonly globalVars = new Map<string, string>();
  /** Operator phones by endpoint (`PJSIP/1001`, `Local/1001@operators`). */
  readonly operators = new Map<string, OperatorBehaviour>();
  readonly startedAt: number;
  readonly inboundContext: string;
  dialplan: Dialplan;
  /** Arrival times (epoch ms, sub-ms precision) of `play` requests per channel, when enabled (benchmarks). */
  playRequestTimes: Map<string, number[]> | null = null;

  constructor(options: SimWorldOptions) {
    this.clock = options.clock;
    this.ids = new IdSource(() => this.clock.now());
    this.bus = new EventBus(this.clock, options.asteriskId ?? '02:fc:00:00:00:01');
    this.dialplan = options.dialplan ?? callflowDialplan();
    this.inboundContext = options.inboundContext ?? 'from-pstn';
    this.startedAt = this.clock.now();
    this.media = new MediaResolver({
      soundsDir: options.soundsDir ?? null,
      recordingDurationMs: (name) => this.storedRecordings.get(name)?.durationMs ?? null,
    });
  }

  /**
   * Runs `fn` right after the current request or event has been handled, without waiting for simulated
   * time (a virtual clock would otherwise hold it until the next `advance`).
   */
  defer(fn: () => void): void {
    setImmediate(fn);
  }

  timestamp(): string {
    return ariTimestamp(this.clock.now());
  }

  /** Apps that get this channel's events: the originating app, the Stasis app, subscribeAll apps. */
  channelApps(ch: SimChannel): string[] {
    const apps: string[] = [];
    if (ch.originatedBy) apps.push(ch.originatedBy);
    if (ch.stasisApp && ch.stasisApp !== ch.originatedBy) apps.push(ch.stasisApp);
    for (const app of this.bus.subscribeAllApps()) if (!apps.includes(app)) apps.push(app);
    return apps;
  }

  bridgeApps(bridge: SimBridge): string[] {
    const apps: string[] = [];
    for (const [app, count] of bridge.subscriptions) if (count > 0) apps.push(app);
    for (const app of this.bus.subscribeAllApps()) if (!apps.includes(app)) apps.push(app);
    return apps;
  }

  emitChannel(ch: SimChannel, type: string, fields: Record<string, unknown> = {}): void {
    const apps = this.channelApps(ch);
    if (apps.length === 0) return;
    this.bus.emit(apps, type, { ...fields, channel: channelSnapshot(ch) });
  }

  /** A channel event whose own fields follow `channel` (ApplicationMoveFailed, 09). */
  emitChannelFirst(ch: SimChannel, type: string, fields: Record<string, unknown>): void {
    const apps = this.channelApps(ch);
    if (apps.length === 0) return;
    this.bus.emit(apps, type, { channel: channelSnapshot(ch), ...fields });
  }

  emitVarset(ch: SimChannel, variable: string, value: string): void {
    this.emitChannel(ch, 'ChannelVarset', { variable, value });
  }

  emitHangupRequest(ch: SimChannel, cause: number, soft: boolean): void {
    this.emitChannel(ch, 'ChannelHangupRequest', soft ? { cause, soft: true } : { cause });
  }

  /** ChannelEnteredBridge / ChannelLeftBridge go to the channel's and the bridge's apps, once each. */
  emitChannelBridge(ch: SimChannel, bridge: SimBridge, type: string): void {
    const apps = this.channelApps(ch);
    for (const app of this.bridgeApps(bridge)) if (!apps.includes(app)) apps.push(app);
    if (apps.length === 0) return;
    this.bus.emit(apps, type, { bridge: bridgeSnapshot(bridge), channel: channelSnapshot(ch) });
  }

  emitBridge(bridge: SimBridge, type: string): void {
    const apps = this.bridgeApps(bridge);
    if (apps.length > 0) this.bus.emit(apps, type, { bridge: bridgeSnapshot(bridge) });
  }

  /** Records a transcript line for the call this channel belongs to (if any). */
  note(ch: SimChannel, event: TranscriptEvent): void {
    if (!ch.callId) return;
    this.transcripts.add({ ...event, at: this.clock.now(), callId: ch.callId, channelId: ch.id });
  }
}
