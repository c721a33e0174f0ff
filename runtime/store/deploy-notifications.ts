/**
 * Hot deploy across processes (ARCHITECTURE decision 6): `activateVersion` sends
 * `NOTIFY callflow_deploy, '<tenant>:<flow>:<version>'` in its transaction. On PostgreSQL each runtime
 * process LISTENs on a dedicated connection that reconnects with backoff; after a reconnect it emits
 * `resync`, because notifications sent while it was away are lost and the runtime must re-read the
 * active versions. PGlite is single-process: its own in-process LISTEN delivers the same payloads.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Database } from './database.ts';
import { PgChannelListener } from './pg-channel-listener.ts';
import type { RetryPolicy } from './retry.ts';

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
  const listener = new PgChannelListener({
    url: database.client.url,
    channel: DEPLOY_CHANNEL,
    onPayload: deliver,
    onResync: (reason) => onEvent({ kind: 'resync', reason }),
    applicationName: LISTENER_APPLICATION_NAME,
    purpose: 'deploy',
    retry: options.retry,
    clock: options.clock,
    logger,
  });
  await listener.start();
  return { close: () => listener.close() };
}
