/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore: a real dropped connection
 * (sockets destroyed mid-session, new ones refused) without touching the server. Loopback only.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface CuttableProxy {
  /** DATABASE_URL rewritten to go through the proxy. */
  url: string;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function proxyPostgres(databaseUrl: string): Promise<CuttableProxy> {
  const target = parseTarget(databaseUrl);
  const sockets = new Set<Socket>();
  let refusing = false;
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const auth = target.password ? `${target.user}:${target.password}` : target.user;
  return {
    url: `postgres://${auth}@127.0.0.1:${port}/${target.database}`,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type Target = { user: string; password: string; database: string } & (
  | { path: string }
  | { host: string; port: number }
);

function parseTarget(url: string): Target {
  const m =
    /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/:?]*)(?::(\d+))?\/([^?]*)(?:\?(.*))?$/.exec(url);
  if (!m) throw new Error(`cannot parse DATABASE_URL for the proxy: ${url}`);
  const [, user = 'postgres', password = '', hostPart, portText, database, query = ''] = m;
  const host = new URLSearchParams(query).get('host') ?? (hostPart || 'localhost');
  const port = Number(portText || 5432);
  const common = { user: decodeURIComponent(user), password: decodeURIComponent(password), database };
  return host.startsWith('/') ? { ...common, path: `${host}/.s.PGSQL.${port}` } : { ...common, host, port };
}
