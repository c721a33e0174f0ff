/**
 * What the runtime tells the studio and the CLI about calls as they happen: prompts heard (as the
 * caller hears them, display style), keys (secret digits masked), steps, waits, queue events, errors
 * with the DSL line, and the end with the call's record.
 */
import type { Json } from '../language/compiled-format.ts';
import type { CallRecord } from './call-log.ts';

interface Base {
  callId: string;
  /** Clock time (ms since the epoch). */
  at: number;
}

export type QueueEventKind = 'joined' | 'announcement' | 'ringing' | 'connected' | 'left';

export type CallEvent =
  | (Base & {
      type: 'call-started';
      channelId: string;
      flow: string;
      flowName: string;
      version: number;
      caller: string;
      dialled: string;
      tenant: string;
    })
  /** `vars`: the flow's variables after the step, secrets masked — only for calls `watchVars` asked about. */
  | (Base & { type: 'step'; step: string; command: string; line: number; vars?: Record<string, Json> })
  | (Base & { type: 'prompt'; text: string; media: string[] })
  /** The call waits for the caller (`keys`) or for the host (`data`, `queue`, `transfer`). */
  | (Base & { type: 'waiting'; for: 'keys' | 'data' | 'queue' | 'transfer' })
  /** A collection ended: what the caller typed (secret digits as '•') and how it ended. */
  | (Base & { type: 'keys'; keys: string; result: 'digits' | 'timeout' | 'invalid' })
  | (Base & {
      type: 'queue';
      queue: string;
      event: QueueEventKind;
      position?: number;
      ewtMinutes?: number;
      /** The caller's priority in the queue (on `joined`). */
      priority?: number;
      operator?: string;
      outcome?: string;
    })
  | (Base & { type: 'data'; source: string; operation: string; ok: boolean; error?: string })
  | (Base & { type: 'error'; kind: string; message: string; line: number | null; column: number | null })
  | (Base & { type: 'call-ended'; outcome: CallRecord['outcome']; record: CallRecord });

export type CallEventListener = (event: CallEvent) => void;

/** A small fan-out; a listener that throws is dropped from that event only, never the call. */
export class CallEvents {
  private readonly listeners = new Set<CallEventListener>();
  /** Who wants variables on `step` events, and for which calls (a snapshot parses the call's state). */
  private readonly varWatchers = new Set<(callId: string) => boolean>();

  on(listener: CallEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks for the variables on the `step` events of the calls `wants` names (the studio's simulated
   * calls). Calls nobody asks about pay nothing for it.
   */
  watchVars(wants: (callId: string) => boolean): () => void {
    this.varWatchers.add(wants);
    return () => this.varWatchers.delete(wants);
  }

  wantsVars(callId: string): boolean {
    if (this.varWatchers.size === 0) return false;
    for (const wants of this.varWatchers) if (wants(callId)) return true;
    return false;
  }

  emit(event: CallEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // An observer's bug must not end a caller's call.
      }
    }
  }
}
