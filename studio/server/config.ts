/**
 * The server's settings, in one object handed to `createApp` and `wireServer`. Everything a
 * process reads from its environment is read here (`serverConfigFromEnv`), so tests build a config
 * literally and nothing deeper looks at `process.env`.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PinHashCost } from '../../runtime/data/pin-hash.ts';

export interface ServerConfig {
  /** HTTP port (0 picks a free one). */
  port: number;
  host: string;
  /** The built web app (studio/web/dist); served at `/` when it holds an index.html. */
  webDist: string;
  /** The TTS cache that `/api/prompts/<id>.wav` reads (the runtime and the PBX share it). */
  speechCacheDir: string;
  /** Lifetime of a session token from POST /api/login. */
  sessionTtlMs: number;
  /** Largest JSON body accepted (flow sources included). */
  bodyLimitBytes: number;
  /** Largest CSV import accepted. */
  importLimitBytes: number;
  /** Mark the session cookie `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** scrypt cost of PINs hashed on import; the store's default (N = 2^14) when absent. */
  pinCost?: PinHashCost;
}

export const SESSION_COOKIE = 'callflow_session';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 8080,
    host: '0.0.0.0',
    webDist: DEFAULT_WEB_DIST,
    speechCacheDir: resolve(join('data', 'speech')),
    sessionTtlMs: 12 * 3_600_000,
    bodyLimitBytes: 1024 * 1024,
    importLimitBytes: 20 * 1024 * 1024,
    secureCookies: false,
    ...overrides,
  };
}

/**
 * PORT, HOST, CALLFLOW_SECURE_COOKIES, CALLFLOW_WEB_DIST (the built web app, default studio/web/dist);
 * the speech dir comes from the caller (it follows the data dir).
 */
export function serverConfigFromEnv(
  env: Record<string, string | undefined>,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, not "${env.PORT}"`);
  }
  return defaultServerConfig({
    port,
    host: env.HOST || '0.0.0.0',
    secureCookies: env.CALLFLOW_SECURE_COOKIES === '1',
    ...(env.CALLFLOW_WEB_DIST ? { webDist: resolve(env.CALLFLOW_WEB_DIST) } : {}),
    ...overrides,
  });
}
