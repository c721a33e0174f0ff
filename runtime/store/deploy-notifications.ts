/**
 * Hot deploy across processes (ARCHITECTURE decision 6): `activateVersion` sends
 * `NOTIFY callflow_deploy, '<tenant>:<flow>:<version>'` in its transaction. On PostgreSQL each runtime
 * process LISTENs on a dedicated connection that reconnects with backoff; after a reconnect it emits
 * `resync`, because notifications sent while it was away are lost and the runtime must re-read the
 * active versions. PGlite is single-process: its own in-process LISTEN delivers the same payloads.
 */
import pg from 'pg';
import { type Clock, RealClock, type TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Database } from './database.ts';
import { backoffMs, errorText, type RetryPolicy } from './retry.ts';

export const DEPLOY_CHANNEL = 'callflow_deploy';
/** Shown in pg_stat_activity, so an operator can tell the listening connections apart. */
export const LISTENER_APPLICATION_NAME = 'callflow-deploy-listener';

export interface DeployNotice {
  tenant: string;
  flow: string;
  version: number;
}

export type DeployEvent = ({ kind: 'deploy' } & DeployNotice) | { kind: 'resync'; reason: string };

export function deployNotificationPayload(notice: DeployNotice): string {
  return `${notice.tenant}:${notice.flow}:${notice.version}`;
}

/** Tenant ids have no ':'; flow names may, so the flow is everything between the first and last ':'. */
export function parseDeployNotification(payload: string): DeployNotice | null {
  const first = payload.indexOf(':');
  const last = payload.lastIndexOf(':');
  if (first <= 0 || last <= first) return null;
  const version = Number(payload.slice(last + 1));
  if (!Number.isInteger(version) || version < 1) return null;
  return { tenant: payload.slice(0, first), flow: payload.slice(first + 1, last), version };
}

export interface DeployListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Reconnect backoff (attempts are unlimited while the listener is open). */
  retry?: Omit<RetryPolicy, 'attempts'>;
  clock?: Clock;
  logger?: Logger;
}

const DEFAULT_RECONNECT = { initialMs: 100, maxMs: 5_000 };

/** Resolves once listening; `onEvent` then receives every committed deployment. */
export async function listenForDeployments(
  database: Database,
  onEvent: (event: DeployEvent) => void,
  options: ListenOptions = {},
): Promise<DeployListener> {
  const logger = options.logger ?? database.logger;
  const deliver = (payload: string) => {
    const notice = parseDeployNotification(payload);
    if (notice) onEvent({ kind: 'deploy', ...notice });
    else logger.log('warn', 'store: ignored a malformed deploy notification', { payload });
  };
  if (database.client.kind === 'pglite') {
    const unlisten = await database.client.pglite.listen(DEPLOY_CHANNEL, deliver);
    return { close: () => unlisten() };
  }
  const listener = new PostgresDeployListener(database.client.url, deliver, onEvent, {
    retry: options.retry ?? DEFAULT_RECONNECT,
    clock: options.clock ?? new RealClock(),
    logger,
  });
  await listener.start();
  return listener;
}

class PostgresDeployListener implements DeployListener {
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  private timer: TimerHandle | null = null;
  private firstConnection: { resolve: () => void } | null = null;

  constructor(
    private readonly url: string,
    private readonly deliver: (payload: string) => void,
    private readonly onEvent: (event: DeployEvent) => void,
    private readonly options: Required<ListenOptions>,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve) => {
      this.firstConnection = { resolve };
      void this.connect();
    });
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: 5_000,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      if (message.channel === DEPLOY_CHANNEL) this.deliver(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DEPLOY_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.failures > 0 && this.firstConnection === null;
    this.failures = 0;
    if (this.firstConnection) {
      this.firstConnection.resolve();
      this.firstConnection = null;
    }
    if (reconnected) this.onEvent({ kind: 'resync', reason: 'reconnected after a lost connection' });
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    client.on('error', () => {}); // a dying client may emit once more; it is already replaced
    void client.end().catch(() => {});
    this.failures++;
    const delayMs = backoffMs({ ...this.options.retry, attempts: Number.POSITIVE_INFINITY }, this.failures);
    this.options.logger.log('warn', 'store: deploy listener lost its connection, reconnecting', {
      attempt: this.failures,
      delayMs,
      error: errorText(error),
    });
    this.timer = this.options.clock.setTimer(delayMs, () => {
      this.timer = null;
      void this.connect();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.options.clock.clearTimer(this.timer);
    const client = this.client;
    this.client = null;
    if (this.firstConnection) {
      this.firstConnection.resolve();
      this.firstConnection = null;
    }
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
  }
}
