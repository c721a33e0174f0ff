/**
 * PbxPort on ari-client: the production way Callflow drives Asterisk, and the same code the tests run
 * against the PBX simulator. See telephony/README.md for the Asterisk side and the known quirks
 * handled here (unknown event types, reconnects beyond ari-client's 10 tries, adoption after a
 * reconnect, busy vs congestion vs ring-no-answer, `dtmf_events` on mixing bridges).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'ari-client';
import { adoptChannels } from './ari-adoption.ts';
import { ChannelRegistry } from './ari-channel-registry.ts';
import { type AriConnectionConfig, ariConfigFromEnv, ariOrigin } from './ari-config.ts';
import {
  connectAri,
  defaultReconnectPolicy,
  EventStreamSupervisor,
  type ReconnectPolicy,
} from './ari-connection.ts';
import { ariCall, ariCallIdempotent, ariCommand, PbxRequestError } from './ari-errors.ts';
import { eventTypeOf, installEventGuard } from './ari-event-guard.ts';
import { type EventRouterDeps, routeEvents } from './ari-event-router.ts';
import { hardenAriHttp } from './ari-http-hardening.ts';
import { OriginateTracker } from './ari-originates.ts';
import type {
  ChannelEvent,
  InboundCall,
  OriginateOutcome,
  OriginateRequest,
  PbxPort,
  PbxStatus,
} from './pbx-port.ts';

export type AdapterLog = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

export interface AriAdapterOptions extends Partial<AriConnectionConfig> {
  reconnect?: Partial<ReconnectPolicy>;
  log?: AdapterLog;
  /** StasisStart args that mark channels Callflow originated itself (default: operator, snoop). */
  internalAppArgs?: string[];
  /** Extra wait beyond an originate's own timeout before the adapter gives up on it. */
  originateSafetyMarginMs?: number;
}

/** How long a snoop channel may take to enter Stasis (Asterisk starts it on its own thread). */
const SNOOP_START_GUARD_MS = 5000;

const consoleLog: AdapterLog = (level, message, detail) => {
  const line = `[ari] ${message}`;
  if (level === 'error') console.error(line, detail ?? '');
  else if (level === 'warn') console.warn(line, detail ?? '');
};

/**
 * `Local/1001@operators` becomes `Local/1001@operators/n`: without `/n` Asterisk may optimize the
 * Local pair away once the phone answers, swapping the channel in our bridge for another one.
 */
export function withoutLocalOptimization(endpoint: string): string {
  const m = /^(Local\/[^/]+)(?:\/(.*))?$/i.exec(endpoint);
  if (!m) return endpoint;
  const options = m[2] ?? '';
  return options.includes('n') ? endpoint : `${m[1]}/${options}n`;
}

export class AriAdapter implements PbxPort {
  private readonly config: AriConnectionConfig;
  private readonly policy: ReconnectPolicy;
  private readonly log: AdapterLog;
  private readonly internalArgs: Set<string>;
  private readonly safetyMarginMs: number;
  private readonly registry: ChannelRegistry;
  private readonly originates = new OriginateTracker();
  /** Music on hold wanted per bridge: re-asserted when callers join (Asterisk stops it when a bridge empties). */
  private readonly bridgeMoh = new Map<string, string>();
  /** Snoop channels recording whole calls: snoop id -> spied channel id. */
  private readonly snoops = new Map<string, string>();
  private readonly snoopReady = new Map<string, () => void>();
  private client: Client | null = null;
  private supervisor: EventStreamSupervisor | null = null;
  private stopped = false;
  private badEvents = 0;
  private lastError: string | null = null;

  constructor(options: AriAdapterOptions = {}) {
    const env = ariConfigFromEnv();
    this.config = {
      url: options.url ?? env.url,
      username: options.username ?? env.username,
      password: options.password ?? env.password,
      app: options.app ?? env.app,
    };
    this.policy = { ...defaultReconnectPolicy, ...options.reconnect };
    this.log = options.log ?? consoleLog;
    this.internalArgs = new Set(options.internalAppArgs ?? ['operator', 'snoop']);
    this.safetyMarginMs = options.originateSafetyMarginMs ?? 15_000;
    this.registry = new ChannelRegistry((error) => this.log('error', 'channel listener threw', error));
  }

  async start(onInboundCall: (call: InboundCall) => void): Promise<void> {
    this.stopped = false;
    hardenAriHttp();
    const client = await connectAri(
      ariOrigin(this.config.url),
      this.config.username,
      this.config.password,
      this.policy,
      () => this.stopped,
      (error) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.log('warn', `ARI not reachable at ${this.config.url}, retrying`, this.lastError);
      },
    );
    this.client = client;
    installEventGuard(client, (error, raw) => {
      this.badEvents++;
      this.lastError = `dropped event ${eventTypeOf(raw)}: ${error instanceof Error ? error.message : String(error)}`;
      this.log('warn', this.lastError);
    });
    const deps: EventRouterDeps = {
      registry: this.registry,
      originates: this.originates,
      isInternal: (args) => args.length > 0 && this.internalArgs.has(args[0]),
      onInbound: (call) => {
        try {
          onInboundCall(call);
        } catch (error) {
          this.log('error', 'inbound call handler threw', error);
        }
      },
      onInternalStart: (channelId) => {
        this.snoopReady.get(channelId)?.();
        this.snoopReady.delete(channelId);
      },
      recordingEnded: (channelId) => {
        const spied = this.snoops.get(channelId);
        if (!spied) return channelId;
        // The snoop channel only existed for this recording.
        this.snoops.delete(channelId);
        this.hangup(channelId).catch(() => {});
        return spied;
      },
    };
    routeEvents(client, deps);
    this.supervisor = new EventStreamSupervisor(
      client,
      this.config.app,
      this.policy,
      (first) => {
        if (first) return;
        this.log('info', 'event stream reconnected; adopting channels still in the app');
        adoptChannels(client, this.config.app, deps).catch((error) => {
          this.lastError = `adoption after reconnect failed: ${error instanceof Error ? error.message : String(error)}`;
          this.log('error', this.lastError);
        });
      },
      (message) => {
        this.lastError = message;
        this.log('warn', message);
      },
    );
    await this.supervisor.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.supervisor?.stop();
  }

  status(): PbxStatus {
    const s = this.supervisor?.status ?? { connected: false, reconnects: 0 };
    return { connected: s.connected, reconnects: s.reconnects, lastError: this.lastError };
  }

  /** Sizes of the adapter's books and ari-client's listener count (for leak tests). */
  internals(): {
    channels: number;
    listeners: number;
    playbacks: number;
    originates: number;
    badEvents: number;
    clientListeners: number;
  } {
    const client = this.client as unknown as NodeJS.EventEmitter | null;
    const clientListeners = client ? client.eventNames().reduce((n, e) => n + client.listenerCount(e), 0) : 0;
    return {
      ...this.registry.counts(),
      originates: this.originates.ids().length,
      badEvents: this.badEvents,
      clientListeners,
    };
  }

  subscribe(channelId: string, listener: (event: ChannelEvent) => void): () => void {
    return this.registry.subscribe(channelId, listener);
  }

  answer(channelId: string): Promise<void> {
    return ariCommand('answer', () => this.ari().channels.answer({ channelId }));
  }

  async play(channelId: string, media: string[], options: { lang?: string } = {}): Promise<string> {
    const playbackId = randomUUID();
    this.registry.playbackRequested(playbackId, channelId);
    await ariCall('play', () =>
      this.ari().channels.play({ channelId, media, lang: options.lang, playbackId }),
    );
    return playbackId;
  }

  stopPlayback(playbackId: string): Promise<void> {
    return ariCallIdempotent('stopPlayback', () => this.ari().playbacks.stop({ playbackId }));
  }

  startMoh(channelId: string, mohClass?: string): Promise<void> {
    return ariCommand('startMoh', () => this.ari().channels.startMoh({ channelId, mohClass }));
  }

  stopMoh(channelId: string): Promise<void> {
    return ariCallIdempotent('stopMoh', () => this.ari().channels.stopMoh({ channelId }));
  }

  hangup(channelId: string, reason: 'normal' | 'busy' | 'congestion' = 'normal'): Promise<void> {
    return ariCallIdempotent('hangup', () => this.ari().channels.hangup({ channelId, reason }));
  }

  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return ariCommand('setVariable', () =>
      this.ari().channels.setChannelVar({ channelId, variable: name, value }),
    );
  }

  async createBridge(type: 'holding' | 'mixing'): Promise<string> {
    // DTMF from channels in a mixing bridge raises events only with dtmf_events.
    const bridge = await ariCall('createBridge', () =>
      this.ari().bridges.create({ type: type === 'mixing' ? 'mixing,dtmf_events' : 'holding' }),
    );
    return bridge.id;
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await ariCommand('addToBridge', () => this.ari().bridges.addChannel({ bridgeId, channel: channelIds }));
    const mohClass = this.bridgeMoh.get(bridgeId);
    if (mohClass)
      await ariCommand('startBridgeMoh', () => this.ari().bridges.startMoh({ bridgeId, mohClass }));
  }

  removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    return ariCallIdempotent('removeFromBridge', () =>
      this.ari().bridges.removeChannel({ bridgeId, channel: channelIds }),
    );
  }

  startBridgeMoh(bridgeId: string, mohClass = 'default'): Promise<void> {
    this.bridgeMoh.set(bridgeId, mohClass);
    return ariCommand('startBridgeMoh', () => this.ari().bridges.startMoh({ bridgeId, mohClass }));
  }

  stopBridgeMoh(bridgeId: string): Promise<void> {
    this.bridgeMoh.delete(bridgeId);
    return ariCallIdempotent('stopBridgeMoh', () => this.ari().bridges.stopMoh({ bridgeId }));
  }

  destroyBridge(bridgeId: string): Promise<void> {
    this.bridgeMoh.delete(bridgeId);
    return ariCallIdempotent('destroyBridge', () => this.ari().bridges.destroy({ bridgeId }));
  }

  async originate(request: OriginateRequest): Promise<OriginateOutcome> {
    // Our own channel id lets StasisStart/Dial/ChannelDestroyed be matched even before the response.
    const channelId = `cf-${randomUUID()}`;
    const timeoutSec = request.timeoutSec ?? 30;
    const outcome = this.originates.start(
      channelId,
      request.endpoint,
      timeoutSec * 1000 + this.safetyMarginMs,
      () => {
        this.originates.failed(channelId, 'no-answer', 19);
        this.hangup(channelId).catch(() => {});
      },
    );
    try {
      await this.ari().channels.originate({
        endpoint: withoutLocalOptimization(request.endpoint),
        app: this.config.app,
        appArgs: request.appArgs ?? 'operator',
        callerId: request.callerId,
        timeout: timeoutSec,
        variables: request.variables,
        channelId,
        otherChannelId: `${channelId}-2`,
      });
    } catch (error) {
      this.lastError = `originate ${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`;
      this.originates.failed(channelId, 'failed', 0);
    }
    return outcome;
  }

  async cancelOriginate(endpoint: string): Promise<void> {
    const channelId = this.originates.byEndpoint(endpoint);
    if (!channelId) return;
    this.originates.markCancelled(channelId);
    await this.hangup(channelId);
  }

  async record(
    target: string,
    options: { name: string; format?: string; maxDurationSec?: number; beep?: boolean; terminateOn?: string },
  ): Promise<void> {
    const params = {
      name: options.name,
      format: options.format ?? 'wav',
      maxDurationSeconds: options.maxDurationSec,
      beep: options.beep,
      terminateOn: options.terminateOn,
      ifExists: 'fail',
    };
    if (target.startsWith('bridge:')) {
      const bridgeId = target.slice('bridge:'.length);
      await ariCommand('record', () => this.ari().bridges.record({ bridgeId, ...params }));
    } else if (target.startsWith('call:')) {
      // Recording the channel itself would hold its command queue (prompts wait until the recording
      // ends); a snoop channel hears both directions and leaves the call's own queue free.
      const channelId = target.slice('call:'.length);
      const snoopId = `cf-snoop-${randomUUID()}`;
      const ready = new Promise<boolean>((resolve) => {
        const guard = setTimeout(() => resolve(false), SNOOP_START_GUARD_MS);
        this.snoopReady.set(snoopId, () => {
          clearTimeout(guard);
          resolve(true);
        });
      });
      this.snoops.set(snoopId, channelId);
      try {
        await ariCall('record', () =>
          this.ari().channels.snoopChannelWithId({
            channelId,
            snoopId,
            spy: 'both',
            app: this.config.app,
            appArgs: 'snoop',
          }),
        );
        if (!(await ready))
          throw new PbxRequestError('record', 'the snoop channel did not enter the Stasis app');
      } catch (error) {
        this.snoops.delete(snoopId);
        this.snoopReady.delete(snoopId);
        this.hangup(snoopId).catch(() => {});
        throw error;
      }
      await ariCommand('record', () => this.ari().channels.record({ channelId: snoopId, ...params }));
    } else {
      await ariCommand('record', () => this.ari().channels.record({ channelId: target, ...params }));
    }
  }

  stopRecording(name: string): Promise<void> {
    return ariCallIdempotent('stopRecording', () => this.ari().recordings.stop({ recordingName: name }));
  }

  private ari(): Client {
    if (!this.client) throw new Error('PBX adapter not started');
    return this.client;
  }
}
