/**
 * Collects one channel's PbxPort events and lets a test wait for the next one of a kind. The wait
 * has a generous real-time guard so a missing event fails the test instead of hanging it; tests
 * never assert on durations.
 */
import type { ChannelEvent, PbxPort } from '../../../telephony/pbx-port.ts';

type Kind = ChannelEvent['type'];
type EventOf<K extends Kind> = Extract<ChannelEvent, { type: K }>;

export class ChannelEvents {
  readonly seen: ChannelEvent[] = [];
  private cursor = 0;
  private waiter: (() => void) | null = null;
  readonly unsubscribe: () => void;

  constructor(
    port: PbxPort,
    readonly channelId: string,
  ) {
    this.unsubscribe = port.subscribe(channelId, (event) => {
      this.seen.push(event);
      this.waiter?.();
    });
  }

  /** The next event of `kind` after the ones already consumed (earlier kinds are skipped). */
  async next<K extends Kind>(kind: K, guardMs = 10_000): Promise<EventOf<K>> {
    const deadline = Date.now() + guardMs;
    for (;;) {
      while (this.cursor < this.seen.length) {
        const event = this.seen[this.cursor++];
        if (event.type === kind) return event as EventOf<K>;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no '${kind}' event on ${this.channelId}; saw ${JSON.stringify(this.seen.map((e) => e.type))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          this.waiter = null;
          resolve();
        };
      });
    }
  }

  types(): string[] {
    return this.seen.map((e) => e.type);
  }
}

/** Inbound calls delivered by `PbxPort.start`, awaited by predicate. */
export class InboundCalls<T> {
  private readonly calls: T[] = [];
  private readonly waiters: Array<{ match: (c: T) => boolean; resolve: (c: T) => void }> = [];

  push = (call: T): void => {
    const i = this.waiters.findIndex((w) => w.match(call));
    if (i >= 0) this.waiters.splice(i, 1)[0].resolve(call);
    else this.calls.push(call);
  };

  next(match: (c: T) => boolean, guardMs = 10_000): Promise<T> {
    const i = this.calls.findIndex(match);
    if (i >= 0) return Promise.resolve(this.calls.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no matching inbound call arrived')), guardMs);
      this.waiters.push({
        match,
        resolve: (c) => {
          clearTimeout(t);
          resolve(c);
        },
      });
    });
  }
}
