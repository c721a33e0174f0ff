/**
 * An in-process PbxPort for session tests and the runtime benchmark (which measures sandbox +
 * session, not telephony). Time comes from the injected clock: a prompt lasts `mediaMs` per media
 * item, DTMF arrives when `press` is called, operators answer after their configured delay. Every
 * operation is written to `actions` so tests can assert what the PBX was asked to do.
 */
import type { Clock, TimerHandle } from '../../../runtime/clock.ts';
import type {
  ChannelEvent,
  InboundCall,
  OriginateOutcome,
  OriginateRequest,
  PbxPort,
  PbxStatus,
} from '../../../telephony/pbx-port.ts';

export type EndpointBehaviour =
  | { answerAfterMs: number }
  | { fail: 'no-answer' | 'busy' | 'congestion'; afterMs?: number };

interface Playback {
  channelId: string;
  timer: TimerHandle;
}

export class MemoryPbx implements PbxPort {
  readonly actions: { op: string; target: string; detail?: unknown }[] = [];
  readonly endpoints = new Map<string, EndpointBehaviour>();
  /** Record actions (turn off in the benchmark). */
  recordActions = true;
  private readonly listeners = new Map<string, Set<(event: ChannelEvent) => void>>();
  private readonly playbacks = new Map<string, Playback>();
  private readonly alive = new Set<string>();
  private onInbound: ((call: InboundCall) => void) | null = null;
  private nextId = 0;

  constructor(
    private readonly clock: Clock,
    private readonly mediaMs = 2_000,
  ) {}

  // ---- control (the "caller" side) ---------------------------------------------------------

  placeCall(call: { callerNumber: string; dialled: string; callerName?: string | null }): string {
    const channelId = `caller-${++this.nextId}`;
    this.alive.add(channelId);
    this.onInbound?.({
      channelId,
      callerNumber: call.callerNumber,
      callerName: call.callerName ?? null,
      dialled: call.dialled,
    });
    return channelId;
  }

  press(channelId: string, keys: string): void {
    for (const digit of keys) this.deliver(channelId, { type: 'dtmf', digit });
  }

  callerHangsUp(channelId: string): void {
    this.endChannel(channelId, 16, 'Normal Clearing');
  }

  isAlive(channelId: string): boolean {
    return this.alive.has(channelId);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Media played on a channel, in order. */
  played(channelId: string): string[] {
    return this.actions
      .filter((a) => a.op === 'play' && a.target === channelId)
      .flatMap((a) => a.detail as string[]);
  }

  // ---- PbxPort -----------------------------------------------------------------------------

  async start(onInboundCall: (call: InboundCall) => void): Promise<void> {
    this.onInbound = onInboundCall;
  }

  async stop(): Promise<void> {
    this.onInbound = null;
  }

  status(): PbxStatus {
    return { connected: this.onInbound !== null, reconnects: 0, lastError: null };
  }

  subscribe(channelId: string, listener: (event: ChannelEvent) => void): () => void {
    let set = this.listeners.get(channelId);
    if (!set) this.listeners.set(channelId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channelId) === set) this.listeners.delete(channelId);
    };
  }

  async answer(channelId: string): Promise<void> {
    this.note('answer', channelId);
    this.requireAlive(channelId);
  }

  async play(channelId: string, media: string[]): Promise<string> {
    this.note('play', channelId, media);
    this.requireAlive(channelId);
    const playbackId = `pb-${++this.nextId}`;
    const timer = this.clock.setTimer(this.mediaMs * media.length, () =>
      this.finishPlayback(playbackId, 'done'),
    );
    this.playbacks.set(playbackId, { channelId, timer });
    return playbackId;
  }

  async stopPlayback(playbackId: string): Promise<void> {
    this.note('stopPlayback', playbackId);
    this.finishPlayback(playbackId, 'done');
  }

  async startMoh(channelId: string, mohClass?: string): Promise<void> {
    this.note('startMoh', channelId, mohClass);
  }

  async stopMoh(channelId: string): Promise<void> {
    this.note('stopMoh', channelId);
  }

  async hangup(channelId: string): Promise<void> {
    this.note('hangup', channelId);
    this.endChannel(channelId, 16, 'Normal Clearing');
  }

  async setVariable(channelId: string, name: string, value: string): Promise<void> {
    this.note('setVariable', channelId, { name, value });
  }

  async createBridge(type: 'holding' | 'mixing'): Promise<string> {
    const id = `bridge-${++this.nextId}`;
    this.note('createBridge', id, type);
    return id;
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    this.note('addToBridge', bridgeId, channelIds);
    for (const channel of channelIds) this.requireAlive(channel);
  }

  async removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    this.note('removeFromBridge', bridgeId, channelIds);
  }

  async startBridgeMoh(bridgeId: string): Promise<void> {
    this.note('startBridgeMoh', bridgeId);
  }

  async stopBridgeMoh(bridgeId: string): Promise<void> {
    this.note('stopBridgeMoh', bridgeId);
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    this.note('destroyBridge', bridgeId);
  }

  originate(request: OriginateRequest): Promise<OriginateOutcome> {
    this.note('originate', request.endpoint, request);
    const behaviour = this.endpoints.get(request.endpoint) ?? { fail: 'congestion' as const };
    return new Promise((resolve) => {
      if ('answerAfterMs' in behaviour) {
        this.clock.setTimer(behaviour.answerAfterMs, () => {
          const channelId = `leg-${++this.nextId}`;
          this.alive.add(channelId);
          resolve({ type: 'answered', channelId });
        });
      } else {
        const cause = behaviour.fail === 'busy' ? 17 : behaviour.fail === 'no-answer' ? 19 : 34;
        this.clock.setTimer(behaviour.afterMs ?? 0, () =>
          resolve({ type: 'failed', reason: behaviour.fail, cause }),
        );
      }
    });
  }

  /** Records until `#` (when it is a terminator) or the maximum duration, like Asterisk. */
  async record(
    target: string,
    options: { name: string; maxDurationSec?: number; terminateOn?: string },
  ): Promise<void> {
    this.note('record', target, options);
    if (target.startsWith('bridge:')) return; // a conversation: runs until the bridge is destroyed
    this.requireAlive(target);
    const started = this.clock.now();
    let timer: TimerHandle | null = null;
    const finish = () => {
      unsubscribe();
      this.clock.clearTimer(timer);
      const durationSec = Math.round((this.clock.now() - started) / 1000);
      this.deliver(target, { type: 'recording-finished', name: options.name, durationSec });
    };
    const unsubscribe = this.subscribe(target, (event) => {
      if (event.type === 'dtmf' && options.terminateOn?.includes(event.digit)) queueMicrotask(finish);
      if (event.type === 'hangup') unsubscribe();
    });
    if (options.maxDurationSec) timer = this.clock.setTimer(options.maxDurationSec * 1000, finish);
  }

  async stopRecording(name: string): Promise<void> {
    this.note('stopRecording', name);
  }

  /** An operator (or transfer target) leg hangs up. */
  legHangsUp(channelId: string): void {
    this.endChannel(channelId, 16, 'Normal Clearing');
  }

  // ---- internals ---------------------------------------------------------------------------

  private finishPlayback(playbackId: string, state: 'done' | 'failed'): void {
    const playback = this.playbacks.get(playbackId);
    if (!playback) return;
    this.playbacks.delete(playbackId);
    this.clock.clearTimer(playback.timer);
    this.deliver(playback.channelId, { type: 'playback-finished', playbackId, state });
  }

  private endChannel(channelId: string, cause: number, causeText: string): void {
    if (!this.alive.delete(channelId)) return;
    for (const [id, playback] of this.playbacks)
      if (playback.channelId === channelId) this.finishPlayback(id, 'failed');
    this.deliver(channelId, { type: 'hangup', cause, causeText });
    this.listeners.delete(channelId);
  }

  private deliver(channelId: string, event: ChannelEvent): void {
    for (const listener of [...(this.listeners.get(channelId) ?? [])]) listener(event);
  }

  private requireAlive(channelId: string): void {
    if (!this.alive.has(channelId)) throw new Error(`channel ${channelId} not found`);
  }

  private note(op: string, target: string, detail?: unknown): void {
    if (this.recordActions) this.actions.push({ op, target, detail });
  }
}
