/** ARI connection settings, from the environment (`ARI_URL`, `ARI_USERNAME`, `ARI_PASSWORD`, `ARI_APP`). */

export interface AriConnectionConfig {
  /** Base URL of Asterisk's HTTP server, e.g. `http://127.0.0.1:8088` (a trailing `/ari` is fine). */
  url: string;
  username: string;
  password: string;
  /** Stasis application name; the dialplan sends calls to `Stasis(<app>,${EXTEN})`. */
  app: string;
}

export function ariConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AriConnectionConfig {
  return {
    url: env.ARI_URL || 'http://127.0.0.1:8088/ari',
    username: env.ARI_USERNAME || 'asterisk',
    password: env.ARI_PASSWORD || 'asterisk',
    app: env.ARI_APP || 'callflow',
  };
}

/** ari-client wants the server's origin; it appends `/ari/...` itself. */
export function ariOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}
