/**
 * Stasis applications and their WebSockets. An app is registered by the socket that named it; a second
 * socket for the same app takes over and the first gets ApplicationReplaced, then nothing (trace 10).
 * Events go to apps by name, so channels stay in an app while its socket is down and get events again
 * once it reconnects (Asterisk does not replay what was missed).
 */

import { ariTimestamp } from './ari-format.ts';
import type { SimClock } from './sim-clock.ts';

export interface EventSink {
  send(data: string): void;
}

interface AppRegistration {
  name: string;
  sink: EventSink;
  subscribeAll: boolean;
}

/** Event types whose own fields come before `type` and `timestamp` in Asterisk's JSON. */
const fieldsFirst = new Set(['ChannelVarset', 'ChannelHangupRequest']);

export function buildEvent(
  type: string,
  timestamp: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  if (!fieldsFirst.has(type)) return { type, timestamp, ...fields };
  const { channel, ...own } = fields;
  return channel === undefined ? { ...own, type, timestamp } : { ...own, type, timestamp, channel };
}

export type EventObserver = (app: string, event: Record<string, unknown>) => void;

export class EventBus {
  private readonly apps = new Map<string, AppRegistration>();
  private readonly observers = new Set<EventObserver>();
  /** Events sent, for statistics. */
  sent = 0;

  constructor(
    private readonly clock: SimClock,
    readonly asteriskId: string,
  ) {}

  register(names: string[], sink: EventSink, subscribeAll: boolean): void {
    for (const name of names) {
      const old = this.apps.get(name);
      if (old && old.sink !== sink) {
        const replaced = {
          type: 'ApplicationReplaced',
          timestamp: ariTimestamp(this.clock.now()),
          application: name,
          asterisk_id: this.asteriskId,
        };
        old.sink.send(JSON.stringify(replaced));
      }
      this.apps.set(name, { name, sink, subscribeAll });
    }
  }

  /** The socket closed: every app it currently owns is unregistered. Returns their names. */
  unregisterSink(sink: EventSink): string[] {
    const gone: string[] = [];
    for (const [name, reg] of this.apps) {
      if (reg.sink === sink) {
        this.apps.delete(name);
        gone.push(name);
      }
    }
    return gone;
  }

  isRegistered(name: string): boolean {
    return this.apps.has(name);
  }

  appNames(): string[] {
    return [...this.apps.keys()];
  }

  subscribeAllApps(): string[] {
    const names: string[] = [];
    for (const reg of this.apps.values()) if (reg.subscribeAll) names.push(reg.name);
    return names;
  }

  isSubscribeAll(name: string): boolean {
    return this.apps.get(name)?.subscribeAll ?? false;
  }

  observe(observer: EventObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Sends one event to each app named (once per app), appending `asterisk_id` and `application`. */
  emit(apps: Iterable<string>, type: string, fields: Record<string, unknown>): void {
    let prefix: string | null = null;
    let event: Record<string, unknown> | null = null;
    for (const app of apps) {
      const reg = this.apps.get(app);
      if (!reg) continue;
      if (prefix === null) {
        event = buildEvent(type, ariTimestamp(this.clock.now()), fields);
        const body = JSON.stringify(event);
        prefix = body.slice(0, -1);
      }
      const tail = `,"asterisk_id":${JSON.stringify(this.asteriskId)},"application":${JSON.stringify(app)}}`;
      reg.sink.send(prefix + tail);
      this.sent++;
      if (this.observers.size > 0 && event) for (const o of this.observers) o(app, event);
    }
  }

  /** Sends a raw object to an app's socket as is (tests inject malformed or unknown events). */
  emitRaw(app: string, payload: unknown): boolean {
    const reg = this.apps.get(app);
    if (!reg) return false;
    reg.sink.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
    return true;
  }
}
