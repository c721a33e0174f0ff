/**
 * Connecting to ARI and keeping the event stream up. ari-client reconnects a dropped WebSocket by
 * itself only 10 times (100 ms doubling to 10 s, ~43 s in all), then emits WebSocketMaxRetries and
 * gives up for good. Past that we call `start()` again ourselves, with our own backoff, until it
 * works or the adapter stops. Each successful reconnect is reported so the adapter can adopt the
 * channels still in the app (Asterisk does not replay StasisStart).
 *
 * ari-client keeps its Swagger Basic-auth credentials in swagger-client's process-global
 * `authorizations` table under one name: two clients in one process with different credentials
 * overwrite each other, and both send the last one's. Use one ARI user per process.
 */
import ari, { type Client } from 'ari-client';
import type { PbxStatus } from './pbx-port.ts';

export interface ReconnectPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultReconnectPolicy: ReconnectPolicy = { initialDelayMs: 1000, maxDelayMs: 30_000 };

const isUnreachable = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'HostIsNotReachable' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/.test(error.message));

/**
 * `ari.connect` with retries while the server is unreachable (Asterisk still starting); other
 * failures (wrong credentials: the API listing answers 401) reject at once.
 */
export async function connectAri(
  origin: string,
  username: string,
  password: string,
  policy: ReconnectPolicy,
  shouldStop: () => boolean,
  onRetry: (error: unknown) => void,
): Promise<Client> {
  let delay = policy.initialDelayMs;
  for (;;) {
    try {
      return await ari.connect(origin, username, password);
    } catch (error) {
      if (!isUnreachable(error) || shouldStop()) throw error;
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

export class EventStreamSupervisor {
  readonly status: PbxStatus = { connected: false, reconnects: 0, lastError: null };
  private everConnected = false;
  private stopped = false;
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: Client,
    private readonly app: string,
    private readonly policy: ReconnectPolicy,
    private readonly onConnected: (firstTime: boolean) => void,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.delay = policy.initialDelayMs;
    const on = (type: string, listener: (arg?: unknown) => void) =>
      (client as unknown as { on(t: string, l: (arg?: unknown) => void): void }).on(type, listener);
    on('WebSocketConnected', () => {
      this.status.connected = true;
      this.delay = this.policy.initialDelayMs;
      const first = !this.everConnected;
      if (!first) this.status.reconnects++;
      this.everConnected = true;
      this.onConnected(first);
    });
    on('WebSocketReconnecting', (error) => {
      this.status.connected = false;
      this.fail(describe(error, 'event stream closed'));
    });
    on('WebSocketMaxRetries', (error) => {
      this.status.connected = false;
      this.fail(
        `ari-client gave up after its 10 retries (${describe(error, 'event stream closed')}); Callflow keeps reconnecting`,
      );
      this.restartLater();
    });
    on('ApplicationReplaced', () => {
      this.fail(`another connection took over the Stasis app '${this.app}'`);
    });
  }

  /** Opens the event stream; resolves once it is up. */
  start(): Promise<void> {
    return this.client.start(this.app);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.status.connected = false;
    try {
      this.client.stop();
    } catch {
      // no socket yet
    }
  }

  private fail(message: string): void {
    this.status.lastError = message;
    this.onError(message);
  }

  private restartLater(): void {
    if (this.stopped || this.timer) return;
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.policy.maxDelayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      // A failed start() ends in WebSocketMaxRetries again, which schedules the next attempt.
      this.client.start(this.app).catch(() => {});
    }, delay);
  }
}

function describe(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
