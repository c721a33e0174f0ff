/**
 * Originates in flight. The adapter gives each originate its own channel id, so StasisStart (answered)
 * or a failure can be matched even when the event beats the HTTP response. Failures: Dial status
 * BUSY/CONGESTION/NOANSWER/CHANUNAVAIL, or ChannelDestroyed before StasisStart — ring-no-answer sends
 * no final Dial event, only ChannelDestroyed with cause 19 (trace 12); busy and congestion are told
 * apart by the Dial status, the dialer's own cause being 0 (trace 13).
 */
import type { OriginateOutcome } from './pbx-port.ts';

type FailureReason = Extract<OriginateOutcome, { type: 'failed' }>['reason'];

interface PendingOriginate {
  channelId: string;
  endpoint: string;
  cancelled: boolean;
  resolve: (outcome: OriginateOutcome) => void;
  safetyTimer: ReturnType<typeof setTimeout> | null;
}

const dialFailures: Record<string, { reason: FailureReason; cause: number }> = {
  BUSY: { reason: 'busy', cause: 17 },
  CONGESTION: { reason: 'congestion', cause: 34 },
  NOANSWER: { reason: 'no-answer', cause: 19 },
  CHANUNAVAIL: { reason: 'failed', cause: 20 },
};

export function failureFromDialStatus(status: string): { reason: FailureReason; cause: number } | null {
  return dialFailures[status] ?? null;
}

export function failureFromCause(cause: number): FailureReason {
  if (cause === 19 || cause === 18) return 'no-answer';
  if (cause === 17) return 'busy';
  if (cause === 34 || cause === 42) return 'congestion';
  return 'failed';
}

export class OriginateTracker {
  private readonly pending = new Map<string, PendingOriginate>();

  start(
    channelId: string,
    endpoint: string,
    safetyMs: number,
    onSafety: () => void,
  ): Promise<OriginateOutcome> {
    return new Promise((resolve) => {
      const p: PendingOriginate = { channelId, endpoint, cancelled: false, resolve, safetyTimer: null };
      p.safetyTimer = setTimeout(onSafety, safetyMs);
      p.safetyTimer.unref?.();
      this.pending.set(channelId, p);
    });
  }

  has(channelId: string): boolean {
    return this.pending.has(channelId);
  }

  ids(): string[] {
    return [...this.pending.keys()];
  }

  byEndpoint(endpoint: string): string | null {
    for (const p of this.pending.values()) if (p.endpoint === endpoint) return p.channelId;
    return null;
  }

  markCancelled(channelId: string): void {
    const p = this.pending.get(channelId);
    if (p) p.cancelled = true;
  }

  answered(channelId: string): boolean {
    return this.settle(channelId, { type: 'answered', channelId });
  }

  failed(channelId: string, reason: FailureReason, cause: number): boolean {
    const p = this.pending.get(channelId);
    if (!p) return false;
    return this.settle(channelId, { type: 'failed', reason: p.cancelled ? 'cancelled' : reason, cause });
  }

  private settle(channelId: string, outcome: OriginateOutcome): boolean {
    const p = this.pending.get(channelId);
    if (!p) return false;
    this.pending.delete(channelId);
    if (p.safetyTimer) clearTimeout(p.safetyTimer);
    p.resolve(outcome);
    return true;
  }
}
