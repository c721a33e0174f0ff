/**
 * Turns ARI events into PbxPort channel events. One client-level handler per event type, dispatching
 * by id through the adapter's registry. A channel's `hangup` is its StasisEnd (a channel that entered
 * Stasis from the dialplan gets no ChannelDestroyed, trace 07), or ChannelDestroyed if that comes first.
 */
import type { Client } from 'ari-client';
import type { ChannelRegistry } from './ari-channel-registry.ts';
import { failureFromCause, failureFromDialStatus, type OriginateTracker } from './ari-originates.ts';
import type { InboundCall } from './pbx-port.ts';

export interface RawChannel {
  id: string;
  state?: string;
  caller?: { name?: string; number?: string };
  dialplan?: { context?: string; exten?: string; app_name?: string; app_data?: string };
}

interface RawEvent {
  type: string;
  channel?: RawChannel;
  peer?: RawChannel;
  args?: string[];
  cause?: number;
  soft?: boolean;
  digit?: string;
  dialstatus?: string;
  playback?: { id: string; target_uri: string; state: string };
  recording?: { name: string; target_uri: string; duration?: number };
}

export interface EventRouterDeps {
  registry: ChannelRegistry;
  originates: OriginateTracker;
  /** StasisStart args of channels Callflow started itself (operator legs): never inbound calls. */
  isInternal(args: string[]): boolean;
  onInbound(call: InboundCall): void;
  /** A channel Callflow started itself (not an originate) entered the app: a snoop channel. */
  onInternalStart?(channelId: string): void;
  /** A recording on this channel ended; returns the channel to report it on (a snoop's spied call). */
  recordingEnded?(channelId: string): string;
}

export function inboundCallOf(channel: RawChannel, args: string[]): InboundCall {
  return {
    channelId: channel.id,
    callerNumber: channel.caller?.number ?? '',
    callerName: channel.caller?.name || null,
    dialled: args[0] ?? channel.dialplan?.exten ?? '',
  };
}

/** A channel entered the app: an originate answered, or a new inbound call. */
export function stasisStarted(d: EventRouterDeps, channel: RawChannel, args: string[]): void {
  if (d.originates.has(channel.id)) {
    d.registry.track(channel.id, 'operator');
    d.originates.answered(channel.id);
    return;
  }
  if (d.registry.isTracked(channel.id)) return;
  if (d.isInternal(args)) {
    d.onInternalStart?.(channel.id);
    return;
  }
  d.registry.track(channel.id, 'inbound');
  d.onInbound(inboundCallOf(channel, args));
}

const channelIdOf = (targetUri: string): string | null =>
  targetUri.startsWith('channel:') ? targetUri.slice('channel:'.length) : null;

export function routeEvents(client: Client, d: EventRouterDeps): void {
  const on = (type: string, handler: (e: RawEvent) => void) =>
    (client as unknown as { on(t: string, l: (e: RawEvent) => void): void }).on(type, handler);
  const { registry } = d;

  on('StasisStart', (e) => e.channel && stasisStarted(d, e.channel, e.args ?? []));
  on('StasisEnd', (e) => e.channel && registry.end(e.channel.id));
  on('ChannelHangupRequest', (e) => e.channel && registry.noteHangupRequest(e.channel.id, e.cause, e.soft));
  on('ChannelDestroyed', (e) => {
    if (!e.channel) return;
    const cause = e.cause ?? 0;
    d.originates.failed(e.channel.id, failureFromCause(cause), cause);
    registry.end(e.channel.id, cause);
  });
  on('Dial', (e) => {
    const failure = failureFromDialStatus(e.dialstatus ?? '');
    if (failure && e.peer) d.originates.failed(e.peer.id, failure.reason, failure.cause);
  });
  on(
    'ChannelDtmfReceived',
    (e) => e.channel && registry.emit(e.channel.id, { type: 'dtmf', digit: e.digit ?? '' }),
  );
  on('ChannelStateChange', (e) => {
    if (e.channel?.state === 'Up') registry.emit(e.channel.id, { type: 'answered' });
  });
  on('PlaybackStarted', (e) => {
    const channelId = e.playback && channelIdOf(e.playback.target_uri);
    if (channelId && registry.playbackStarted(e.playback!.id, channelId)) {
      registry.emit(channelId, { type: 'playback-started', playbackId: e.playback!.id });
    }
  });
  on('PlaybackFinished', (e) => {
    if (!e.playback) return;
    const channelId = channelIdOf(e.playback.target_uri);
    registry.playbackFinished(e.playback.id);
    if (channelId) {
      const state = e.playback.state === 'failed' ? 'failed' : 'done';
      registry.emit(channelId, { type: 'playback-finished', playbackId: e.playback.id, state });
    }
  });
  const recordingEnded = (e: RawEvent) => {
    if (!e.recording) return;
    const target = e.recording.target_uri;
    const channelId = channelIdOf(target);
    // `bridge:<id>` listeners for bridge recordings; a snoop's recording belongs to the spied call
    const id = channelId ? (d.recordingEnded?.(channelId) ?? channelId) : target;
    const durationSec = typeof e.recording.duration === 'number' ? e.recording.duration : null;
    registry.emit(id, { type: 'recording-finished', name: e.recording.name, durationSec });
  };
  on('RecordingFinished', recordingEnded);
  on('RecordingFailed', recordingEnded);
}
