/**
 * The PBX port: the narrow interface the runtime uses to drive calls. Two implementations speak ARI
 * through ari-client (`ari-adapter.ts`) — to Asterisk in production and to the PBX simulator
 * (`simulator/`) in tests and demos — so the same adapter code is exercised everywhere.
 *
 * Media are Asterisk media URIs: `sound:<name>` (synthesized prompts live under `sound:callflow/<hash>`,
 * see runtime/speech), `recording:<name>`, `number:<n>`, `digits:<d>`, `tone:<t>`.
 */

export interface InboundCall {
  channelId: string;
  /** Caller number (ANI) from the channel's caller id; '' when withheld. */
  callerNumber: string;
  callerName: string | null;
  /** Dialled number (DNIS): first Stasis argument, else the channel's dialplan extension. */
  dialled: string;
}

export type ChannelEvent =
  | { type: 'dtmf'; digit: string }
  | { type: 'answered' }
  | { type: 'playback-started'; playbackId: string }
  | { type: 'playback-finished'; playbackId: string; state: 'done' | 'failed' }
  | { type: 'recording-finished'; name: string; durationSec: number | null }
  /** The far end or the PBX hung up; `cause` is the Q.850 code. Always the last event of a channel. */
  | { type: 'hangup'; cause: number; causeText: string };

export interface OriginateRequest {
  /** Dial string, e.g. `PJSIP/1001` or `Local/1001@operators`. */
  endpoint: string;
  callerId?: string;
  timeoutSec?: number;
  /** Application argument passed to StasisStart (e.g. 'operator'). */
  appArgs?: string;
  variables?: Record<string, string>;
}

export type OriginateOutcome =
  | { type: 'answered'; channelId: string }
  | { type: 'failed'; reason: 'no-answer' | 'busy' | 'congestion' | 'failed' | 'cancelled'; cause: number };

export interface PbxStatus {
  connected: boolean;
  /** Times the event stream was re-established since start. */
  reconnects: number;
  lastError: string | null;
}

export interface PbxPort {
  /** Connects and starts delivering inbound calls; resolves when the event stream is up. */
  start(onInboundCall: (call: InboundCall) => void): Promise<void>;
  stop(): Promise<void>;
  status(): PbxStatus;

  /** Listen to one channel's events. The listener is dropped automatically after `hangup`. */
  subscribe(channelId: string, listener: (event: ChannelEvent) => void): () => void;

  answer(channelId: string): Promise<void>;
  /** Queues media on the channel; resolves with the playback id once the PBX accepted it. */
  play(channelId: string, media: string[], options?: { lang?: string }): Promise<string>;
  stopPlayback(playbackId: string): Promise<void>;
  startMoh(channelId: string, mohClass?: string): Promise<void>;
  stopMoh(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: 'normal' | 'busy' | 'congestion'): Promise<void>;
  setVariable(channelId: string, name: string, value: string): Promise<void>;

  createBridge(type: 'holding' | 'mixing'): Promise<string>;
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  startBridgeMoh(bridgeId: string, mohClass?: string): Promise<void>;
  stopBridgeMoh(bridgeId: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;

  /** Rings an endpoint; resolves when it answers (channel in the app) or fails. */
  originate(request: OriginateRequest): Promise<OriginateOutcome>;
  /** Cancels a ringing originate started with `originate`. */
  cancelOriginate?(endpoint: string): Promise<void>;

  /**
   * Records a channel (or a bridge with `bridge:` prefix) until stopped, `#` or maxDuration.
   * `call:<channelId>` records the whole call (both directions) through a snoop channel: unlike a
   * channel recording, it does not hold the channel's prompts until it ends; it ends with the call
   * or `stopRecording`, and its `recording-finished` comes on the channel's listeners.
   */
  record(
    target: string,
    options: { name: string; format?: string; maxDurationSec?: number; beep?: boolean; terminateOn?: string },
  ): Promise<void>;
  stopRecording(name: string): Promise<void>;
}
