/**
 * What happened on each simulated call, as a person on the line would notice it: the prompts played
 * (media and the text spoken), music on hold, bridges joined, keys, hang-up. Tests and the studio's
 * call simulator read it through the control API.
 */

export type TranscriptEvent =
  | { kind: 'call-started'; from: string; to: string }
  | { kind: 'ringing'; endpoint: string }
  | { kind: 'answered' }
  | { kind: 'playback-started'; playbackId: string; media: string; text: string }
  | { kind: 'playback-finished'; playbackId: string; media: string; state: 'done' | 'failed' | 'stopped' }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'moh-started'; mohClass: string; via: 'channel' | 'bridge' }
  | { kind: 'moh-stopped'; via: 'channel' | 'bridge' }
  | { kind: 'bridge-joined'; bridgeId: string; bridgeType: 'holding' | 'mixing'; with: string[] }
  | { kind: 'bridge-left'; bridgeId: string }
  | { kind: 'recording-started'; name: string }
  | { kind: 'recording-finished'; name: string; durationSec: number | null }
  | { kind: 'hangup'; cause: number; causeText: string };

export type TranscriptEntry = TranscriptEvent & {
  /** Simulated time, ms since the epoch. */
  at: number;
  callId: string;
  channelId: string;
};

export type TranscriptListener = (entry: TranscriptEntry) => void;

export class TranscriptLog {
  private readonly byCall = new Map<string, TranscriptEntry[]>();
  private readonly listeners = new Set<TranscriptListener>();
  /** Calls whose transcript is kept after they end (the bench turns retention off). */
  retain = true;

  add(entry: TranscriptEntry): void {
    let list = this.byCall.get(entry.callId);
    if (!list) {
      list = [];
      this.byCall.set(entry.callId, list);
    }
    if (this.retain) list.push(entry);
    for (const l of this.listeners) l(entry);
  }

  get(callId: string): TranscriptEntry[] {
    return [...(this.byCall.get(callId) ?? [])];
  }

  callIds(): string[] {
    return [...this.byCall.keys()];
  }

  forget(callId: string): void {
    this.byCall.delete(callId);
  }

  subscribe(listener: TranscriptListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
