/**
 * Backoff for connection trouble. The store never lets a lost connection crash the process: it
 * reports each failed attempt to the logger and tries again, doubling the wait up to a ceiling.
 */
import type { Logger } from '../logger.ts';

export interface RetryPolicy {
  /** Attempts in all (the first one included); `Infinity` keeps trying. */
  attempts: number;
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, initialMs: 250, maxMs: 5_000 };

/** The wait after failed attempt `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT', // a Unix socket that is not there yet: the server is still starting
  '57P01', // admin_shutdown (a terminated backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
]);

/** True for errors worth retrying: the server is away, not the statement wrong (drizzle wraps the driver's error as `cause`). */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    if (CONNECTION_MESSAGE.test(e.message)) return true;
  }
  return false;
}

const CONNECTION_MESSAGE =
  /connection terminated|connection (?:was )?closed|not queryable|client has encountered a connection error|timeout exceeded when trying to connect|terminating connection|PGlite is closed/i;

export interface RetryOptions {
  policy?: RetryPolicy;
  logger: Logger;
  /** Which errors to retry; others are thrown at once. Default: connection errors. */
  retryable?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` until it succeeds, a non-retryable error occurs, or the attempts run out. */
export async function withRetry<T>(what: string, fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const retryable = options.retryable ?? isConnectionError;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!retryable(error) || attempt >= policy.attempts) throw error;
      const delayMs = backoffMs(policy, attempt);
      options.logger.log('warn', `store: ${what} failed, retrying`, {
        attempt,
        delayMs,
        error: errorText(error),
      });
      await sleep(delayMs);
    }
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
