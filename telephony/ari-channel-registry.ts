/**
 * The adapter's own book of channels in the app: what kind each is, its last hang-up cause, its
 * listeners and its running playbacks. Events are dispatched through these maps (O(1) per event)
 * instead of ari-client's per-instance listeners, which it scans linearly for every event of a type
 * and which stay registered unless removed. Everything about a channel is dropped when it ends.
 */
import type { ChannelEvent } from './pbx-port.ts';
import { causeText } from './q850-causes.ts';

export type ChannelKind = 'inbound' | 'operator';

interface TrackedChannel {
  kind: ChannelKind;
  /** Cause of the last hard ChannelHangupRequest (soft ones carry a flag, not a Q.850 cause). */
  lastCause: number | null;
}

type Listener = (event: ChannelEvent) => void;

export class ChannelRegistry {
  private readonly channels = new Map<string, TrackedChannel>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Requested or running playbacks: playback id -> channel id. */
  private readonly playbacks = new Map<string, string>();
  /** Playbacks whose first PlaybackStarted was seen (lists send one per item). */
  private readonly started = new Set<string>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  track(channelId: string, kind: ChannelKind): void {
    if (!this.channels.has(channelId)) this.channels.set(channelId, { kind, lastCause: null });
  }

  isTracked(channelId: string): boolean {
    return this.channels.has(channelId);
  }

  trackedIds(): string[] {
    return [...this.channels.keys()];
  }

  noteHangupRequest(channelId: string, cause: number | undefined, soft: boolean | undefined): void {
    const ch = this.channels.get(channelId);
    if (ch && !soft && typeof cause === 'number') ch.lastCause = cause;
  }

  /** Listens to a channel, or to `bridge:<id>` for a bridge recording's end. */
  subscribe(channelId: string, listener: Listener): () => void {
    if (!this.channels.has(channelId) && !channelId.startsWith('bridge:')) {
      // Already ended (or never ours): say so instead of keeping a listener nobody will release.
      queueMicrotask(() => this.call(listener, { type: 'hangup', cause: 16, causeText: causeText(16) }));
      return () => {};
    }
    let set = this.listeners.get(channelId);
    if (!set) {
      set = new Set();
      this.listeners.set(channelId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channelId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(channelId);
    };
  }

  emit(channelId: string, event: ChannelEvent): void {
    const set = this.listeners.get(channelId);
    if (!set) return;
    for (const listener of [...set]) this.call(listener, event);
  }

  /** The channel left the app: last event `hangup`, then everything about it is forgotten. */
  end(channelId: string, cause?: number): boolean {
    const ch = this.channels.get(channelId);
    if (!ch) return false;
    const finalCause = cause ?? ch.lastCause ?? 16;
    this.channels.delete(channelId);
    for (const [pb, owner] of this.playbacks) {
      if (owner !== channelId) continue;
      this.playbacks.delete(pb);
      this.started.delete(pb);
    }
    this.emit(channelId, { type: 'hangup', cause: finalCause, causeText: causeText(finalCause) });
    this.listeners.delete(channelId);
    return true;
  }

  playbackRequested(playbackId: string, channelId: string): void {
    if (this.channels.has(channelId)) this.playbacks.set(playbackId, channelId);
  }

  /** True the first time a playback is seen starting. */
  playbackStarted(playbackId: string, channelId: string): boolean {
    if (!this.channels.has(channelId) || this.started.has(playbackId)) return false;
    this.playbacks.set(playbackId, channelId);
    this.started.add(playbackId);
    return true;
  }

  /** True if the playback was still known (its finish has not been reported yet). */
  playbackFinished(playbackId: string): boolean {
    this.started.delete(playbackId);
    return this.playbacks.delete(playbackId);
  }

  activePlaybacks(): Array<[playbackId: string, channelId: string]> {
    return [...this.playbacks];
  }

  /** Sizes of the internal maps (tests check nothing is left behind after a call). */
  counts(): { channels: number; listeners: number; playbacks: number } {
    let listeners = 0;
    for (const set of this.listeners.values()) listeners += set.size;
    return { channels: this.channels.size, listeners, playbacks: this.playbacks.size };
  }

  private call(listener: Listener, event: ChannelEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
