/**
 * LISTEN on one PostgreSQL channel from a dedicated connection that reconnects with backoff (hot
 * deploy's channel and the ACD cluster's). Notifications sent while the connection was away are lost,
 * so after a reconnect `onResync` tells the user to re-read what it mirrors.
 */
import pg from 'pg';
import type { ClusterMessage } from '../acd/coordinator.ts';
import { type Clock, RealClock, type TimerHandle } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { backoffMs, errorText, type RetryPolicy } from './retry.ts';

export interface ChannelListenerOptions {
  url: string;
  channel: string;
  onPayload: (payload: string) => void;
  onResync: (reason: string) => void;
  clock?: Clock;
  logger?: Logger;
  /** Shown in pg_stat_activity, so an operator can tell the listening connections apart. */
  applicationName?: string;
  /** Reconnect backoff (attempts are unlimited while the listener is open). */
  retry?: Omit<RetryPolicy, 'attempts'>;
  /** Names the listener in its log lines ("deploy listener lost its connection"). */
  purpose?: string;
}

const DEFAULT_RECONNECT = { initialMs: 100, maxMs: 5_000 };
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgChannelListener {
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  private timer: TimerHandle | null = null;
  private first: (() => void) | null = null;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: ChannelListenerOptions) {
    if (!CHANNEL.test(options.channel)) throw new Error(`'${options.channel}' is not a channel name`);
    this.clock = options.clock ?? new RealClock();
    this.logger = options.logger ?? silentLogger;
  }

  /** Resolves once listening (or closed before that). */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.first = resolve;
      void this.connect();
    });
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: 5_000,
      application_name: this.options.applicationName ?? 'callflow-listener',
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onPayload(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.failures > 0 && this.first === null;
    this.failures = 0;
    this.first?.();
    this.first = null;
    if (reconnected) this.options.onResync('reconnected after a lost connection');
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    client.on('error', () => {}); // a dying client may emit once more; it is already replaced
    void client.end().catch(() => {});
    this.failures++;
    const retry = { ...(this.options.retry ?? DEFAULT_RECONNECT), attempts: Number.POSITIVE_INFINITY };
    const delayMs = backoffMs(retry, this.failures);
    this.logger.log(
      'warn',
      `store: ${this.options.purpose ?? 'channel'} listener lost its connection, reconnecting`,
      {
        channel: this.options.channel,
        attempt: this.failures,
        delayMs,
        error: errorText(error),
      },
    );
    this.timer = this.clock.setTimer(delayMs, () => {
      this.timer = null;
      void this.connect();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clock.clearTimer(this.timer);
    const client = this.client;
    this.client = null;
    this.first?.();
    this.first = null;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
  }
}

/** The ACD cluster's messages (JSON on `channel`), and a resync after a reconnect. */
export async function listenToCluster(
  options: { url: string; channel: string; logger?: Logger },
  listener: (message: ClusterMessage) => void,
): Promise<() => Promise<void>> {
  const channel = new PgChannelListener({
    ...options,
    applicationName: 'callflow-acd-listener',
    onPayload: (payload) => {
      let message: ClusterMessage;
      try {
        message = JSON.parse(payload);
      } catch {
        options.logger?.log('warn', 'ACD: ignored a malformed cluster message', { payload });
        return;
      }
      listener(message);
    },
    onResync: () => listener({ kind: 'resync' }),
  });
  await channel.start();
  return () => channel.close();
}
