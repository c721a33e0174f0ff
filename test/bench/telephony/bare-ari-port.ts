/**
 * Baseline for the benchmark: the same ARI operations the adapter makes, with bare `fetch` and `ws`
 * and no ari-client — just enough of PbxPort for the benchmark's call flow. Not for production: no
 * reconnects, no adoption, no error handling beyond the happy path.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type {
  ChannelEvent,
  InboundCall,
  OriginateOutcome,
  OriginateRequest,
} from '../../../telephony/pbx-port.ts';
import type { BenchPort } from './bench-flow.ts';

type Listener = (event: ChannelEvent) => void;

export class BareAriPort implements BenchPort {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Listener>();
  private readonly originates = new Map<string, (o: OriginateOutcome) => void>();
  private readonly auth: string;

  constructor(
    private readonly origin: string,
    private readonly user: string,
    private readonly password: string,
    private readonly app = 'callflow',
  ) {
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  async start(onInboundCall: (call: InboundCall) => void): Promise<void> {
    const ws = new WebSocket(
      `${this.origin.replace(/^http/, 'ws')}/ari/events?app=${this.app}&api_key=${this.user}:${this.password}`,
    );
    this.ws = ws;
    ws.on('message', (data) => {
      const e = JSON.parse(String(data));
      switch (e.type) {
        case 'StasisStart': {
          const settle = this.originates.get(e.channel.id);
          if (settle) {
            this.originates.delete(e.channel.id);
            settle({ type: 'answered', channelId: e.channel.id });
          } else if (e.args[0] !== 'operator') {
            onInboundCall({
              channelId: e.channel.id,
              callerNumber: e.channel.caller.number,
              callerName: e.channel.caller.name || null,
              dialled: e.args[0] ?? e.channel.dialplan.exten,
            });
          }
          break;
        }
        case 'ChannelDtmfReceived':
          this.listeners.get(e.channel.id)?.({ type: 'dtmf', digit: e.digit });
          break;
        case 'PlaybackStarted':
          this.emitPlayback(e.playback.target_uri, { type: 'playback-started', playbackId: e.playback.id });
          break;
        case 'PlaybackFinished':
          this.emitPlayback(e.playback.target_uri, {
            type: 'playback-finished',
            playbackId: e.playback.id,
            state: e.playback.state === 'failed' ? 'failed' : 'done',
          });
          break;
        case 'StasisEnd': {
          const listener = this.listeners.get(e.channel.id);
          this.listeners.delete(e.channel.id);
          listener?.({ type: 'hangup', cause: 16, causeText: 'Normal Clearing' });
          break;
        }
        case 'ChannelDestroyed': {
          const settle = this.originates.get(e.channel.id);
          this.originates.delete(e.channel.id);
          settle?.({ type: 'failed', reason: 'failed', cause: e.cause });
          break;
        }
      }
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
  }

  async stop(): Promise<void> {
    this.ws?.close();
  }

  subscribe(channelId: string, listener: Listener): () => void {
    this.listeners.set(channelId, listener);
    return () => this.listeners.delete(channelId);
  }

  async answer(channelId: string): Promise<void> {
    await this.rest('POST', `/channels/${channelId}/answer`);
  }

  async play(channelId: string, media: string[]): Promise<string> {
    const playbackId = randomUUID();
    await this.rest(
      'POST',
      `/channels/${channelId}/play?media=${encodeURIComponent(media.join(','))}&playbackId=${playbackId}`,
    );
    return playbackId;
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.rest('DELETE', `/playbacks/${playbackId}`);
  }

  async hangup(channelId: string): Promise<void> {
    await this.rest('DELETE', `/channels/${channelId}`);
  }

  async createBridge(type: 'holding' | 'mixing'): Promise<string> {
    const body = await this.rest(
      'POST',
      `/bridges?type=${type === 'mixing' ? 'mixing,dtmf_events' : 'holding'}`,
    );
    return (body as { id: string }).id;
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.rest('POST', `/bridges/${bridgeId}/addChannel?channel=${channelIds.join(',')}`);
  }

  async startBridgeMoh(bridgeId: string, mohClass = 'default'): Promise<void> {
    await this.rest('POST', `/bridges/${bridgeId}/moh?mohClass=${mohClass}`);
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.rest('DELETE', `/bridges/${bridgeId}`);
  }

  originate(request: OriginateRequest): Promise<OriginateOutcome> {
    const channelId = `cf-${randomUUID()}`;
    const outcome = new Promise<OriginateOutcome>((resolve) => this.originates.set(channelId, resolve));
    const query = `endpoint=${encodeURIComponent(request.endpoint)}&app=${this.app}&appArgs=operator&timeout=${request.timeoutSec ?? 30}&channelId=${channelId}`;
    this.rest('POST', `/channels?${query}`).catch(() =>
      this.originates.get(channelId)?.({ type: 'failed', reason: 'failed', cause: 0 }),
    );
    return outcome;
  }

  private emitPlayback(targetUri: string, event: ChannelEvent): void {
    if (targetUri.startsWith('channel:')) this.listeners.get(targetUri.slice(8))?.(event);
  }

  private async rest(method: string, path: string): Promise<unknown> {
    const res = await fetch(`${this.origin}/ari${path}`, { method, headers: { authorization: this.auth } });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
}
