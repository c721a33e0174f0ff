/**
 * The simulated PBX's objects and their ARI JSON snapshots (field order as Asterisk 22 sends them).
 */
import type { CommandQueue } from './command-queue.ts';
import type { DialplanRun } from './dialplan-runner.ts';
import type { MediaItem } from './media.ts';
import type { TimerHandle } from './sim-clock.ts';

export type ChannelState = 'Down' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface CallerId {
  name: string;
  number: string;
}

export interface DialplanLocation {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

/** The dialling side of an originate (the `;1` half of a Local pair, or a PJSIP channel). */
export interface DialState {
  /** The Stasis app the originate named, or null when it continues in the dialplan. */
  app: string | null;
  appArgs: string[];
  /** Where a non-app originate continues once answered. */
  continueAt: { context: string; exten: string; priority: number } | null;
  dialstring: string;
  timeoutTimer: TimerHandle | null;
  answered: boolean;
  /** Set once the dial has a final outcome (ANSWER, BUSY, ...). */
  finished: boolean;
}

export interface SimChannel {
  id: string;
  name: string;
  state: ChannelState;
  caller: CallerId;
  connected: CallerId;
  /** A connected-line update from the other Local half that a channel in Stasis only shows when destroyed. */
  pendingCaller: CallerId | null;
  dialplan: DialplanLocation;
  creationtime: string;
  language: string;
  tech: 'Local' | 'PJSIP' | 'Snoop';
  /** The endpoint resource, e.g. `1001` for `PJSIP/1001`, `1001@operators` for Local. */
  resource: string;
  localPeer: SimChannel | null;
  /** Runs dialplan (a `;2` half, an inbound trunk channel): after Stasis the PBX sees the hang-up. */
  hasPbx: boolean;
  /** App that originated the channel: subscribed to it for its whole life. */
  originatedBy: string | null;
  /** App whose Stasis the channel is in, or null. */
  stasisApp: string | null;
  stasisArgs: string[];
  vars: Map<string, string>;
  bridge: SimBridge | null;
  queue: CommandQueue;
  playback: SimPlayback | null;
  recording: SimRecording | null;
  mohClass: string | null;
  hangupCause: number | null;
  hangingUp: boolean;
  destroyed: boolean;
  run: DialplanRun | null;
  dial: DialState | null;
  /** Control-API call this channel belongs to (inbound caller or operator leg), for transcripts. */
  callId: string | null;
  /** For a snoop channel: the channel it listens to (it hangs up with it). */
  spyOf: string | null;
}

export interface SimBridge {
  id: string;
  technology: string;
  bridgeType: 'holding' | 'mixing';
  name: string;
  channels: SimChannel[];
  creationtime: string;
  /** `dtmf_events` in the type: DTMF in a mixing bridge raises ChannelDtmfReceived. */
  dtmfEvents: boolean;
  mohClass: string | null;
  /** Apps subscribed to the bridge and how many times (each app-driven addChannel adds one). */
  subscriptions: Map<string, number>;
  destroyed: boolean;
  /** Bridge playbacks queue on the bridge's announcer, one at a time. */
  queue: CommandQueue;
  playback: SimPlayback | null;
  recording: SimRecording | null;
}

export type PlaybackState = 'queued' | 'playing' | 'continuing' | 'done' | 'failed';

export type PlaybackTarget = { kind: 'channel'; channel: SimChannel } | { kind: 'bridge'; bridge: SimBridge };

export interface SimPlayback {
  id: string;
  items: MediaItem[];
  index: number;
  target: PlaybackTarget;
  language: string;
  offsetMs: number;
  state: PlaybackState;
  timer: TimerHandle | null;
  /** Called once when the playback leaves the channel's command queue. */
  onDone: (() => void) | null;
}

export type RecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

export interface SimRecording {
  name: string;
  format: string;
  state: RecordingState;
  targetUri: string;
  target: PlaybackTarget;
  maxDurationMs: number;
  terminateOn: string;
  beep: boolean;
  startedAt: number;
  timer: TimerHandle | null;
  durationSec: number | null;
  onDone: (() => void) | null;
}

export interface StoredRecording {
  name: string;
  format: string;
  durationMs: number;
}

export function channelSnapshot(ch: SimChannel): Record<string, unknown> {
  return {
    id: ch.id,
    name: ch.name,
    state: ch.state,
    protocol_id: '',
    caller: { name: ch.caller.name, number: ch.caller.number },
    connected: { name: ch.connected.name, number: ch.connected.number },
    accountcode: '',
    dialplan: { ...ch.dialplan },
    creationtime: ch.creationtime,
    language: ch.language,
  };
}

export function bridgeSnapshot(b: SimBridge): Record<string, unknown> {
  return {
    id: b.id,
    technology: b.technology,
    bridge_type: b.bridgeType,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: b.name,
    channels: b.channels.map((c) => c.id),
    creationtime: b.creationtime,
    video_mode: 'talker',
  };
}

export function playbackTargetUri(target: PlaybackTarget): string {
  return target.kind === 'channel' ? `channel:${target.channel.id}` : `bridge:${target.bridge.id}`;
}

export function playbackSnapshot(p: SimPlayback): Record<string, unknown> {
  const current = p.items[p.index];
  const next = p.items[p.index + 1];
  const snap: Record<string, unknown> = { id: p.id, media_uri: current?.uri ?? '' };
  if (next) snap.next_media_uri = next.uri;
  snap.target_uri = playbackTargetUri(p.target);
  snap.language = p.language;
  snap.state = p.state;
  return snap;
}

export function recordingSnapshot(r: SimRecording): Record<string, unknown> {
  const snap: Record<string, unknown> = {
    name: r.name,
    format: r.format,
    state: r.state,
    target_uri: r.targetUri,
  };
  if (r.durationSec !== null) snap.duration = r.durationSec;
  return snap;
}
