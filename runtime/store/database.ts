/**
 * Opens the store: PGlite embedded by default (no server to install), PostgreSQL when a URL is given
 * or DATABASE_URL is set (ARCHITECTURE decision 4). One drizzle schema serves both; migrations from
 * ./migrations are applied on open. Connection trouble is retried with backoff and reported through
 * the logger; an idle connection dying later is reported, never thrown into the event loop.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { consoleLogger, type Logger } from '../logger.ts';
import { ResilientPool } from './resilient-pool.ts';
import { DEFAULT_RETRY, errorText, type RetryPolicy, withRetry } from './retry.ts';
import * as schema from './schema/index.ts';
import { StoreError } from './store-error.ts';

export type Schema = typeof schema;
/** A drizzle handle on either driver; transactions (`db.transaction(tx => …)`) are one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const DEFAULT_DATA_DIR = './data/pglite';
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** The driver underneath, for the few places that need it (LISTEN, benchmarks' plain-SQL baseline). */
export type DriverClient =
  | { kind: 'pglite'; pglite: PGlite }
  | { kind: 'postgres'; pool: pg.Pool; url: string };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  readonly client: DriverClient;
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — wins over `dataDir` and DATABASE_URL. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throw-away in-memory database (tests). */
  dataDir?: string;
  /** Start PGlite from a `dumpDataDir()` snapshot instead of an empty cluster (~0.6 s vs ~4 s). */
  loadDataDir?: Blob;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  logger?: Logger;
  retry?: RetryPolicy;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const logger = options.logger ?? consoleLogger;
  const url = options.url ?? (options.dataDir === undefined ? process.env.DATABASE_URL : undefined);
  if (url) return openPostgres(url, options, logger);
  return openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options, logger);
}

async function openPglite(dataDir: string, options: OpenDatabaseOptions, logger: Logger): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let pglite: PGlite;
  try {
    if (!inMemory) await mkdir(dirname(resolve(dataDir)), { recursive: true });
    pglite = await PGlite.create(inMemory ? undefined : dataDir, { loadDataDir: options.loadDataDir });
  } catch (error) {
    logger.log('error', 'store: cannot open the embedded database', { dataDir, error: errorText(error) });
    throw new StoreError(
      'unavailable',
      `Cannot open the embedded database in ${dataDir}: ${errorText(error)}`,
      `Не удалось открыть встроенную базу данных в ${dataDir}: ${errorText(error)}`,
      { cause: error },
    );
  }
  const db = drizzlePglite(pglite, { schema });
  if (options.migrate !== false) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  let closed = false;
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    client: { kind: 'pglite', pglite },
    location: inMemory ? 'memory://' : resolve(dataDir),
    logger,
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions, logger: Logger): Promise<Database> {
  const location = redactUrl(url);
  const pool = new ResilientPool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'callflow',
  });
  // pg emits 'error' on a connection that dies — idle in the pool (forwarded to the pool) or checked
  // out between two statements (on the client itself). Unheard, either one crashes the process; the
  // failed query itself still rejects, and the pool drops the dead client on release.
  const lost = (error: Error) =>
    logger.log('warn', 'store: a database connection was lost', { location, error: errorText(error) });
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    await withRetry(
      `connecting to ${location}`,
      async () => {
        const connection = await pool.connect();
        try {
          if (options.migrate !== false) await migrateLocked(connection);
          else await connection.query('select 1');
        } finally {
          connection.release();
        }
      },
      { policy: options.retry ?? DEFAULT_RETRY, logger },
    );
  } catch (error) {
    await pool.end().catch(() => {});
    logger.log('error', 'store: cannot reach the database', { location, error: errorText(error) });
    throw new StoreError(
      'unavailable',
      `Cannot reach the database at ${location}: ${errorText(error)}`,
      `Нет связи с базой данных ${location}: ${errorText(error)}`,
      { cause: error },
    );
  }
  let closed = false;
  return {
    kind: 'postgres',
    db: drizzleNodePg(pool, { schema }) as unknown as Db,
    client: { kind: 'postgres', pool, url },
    location,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Several runtime nodes may start together: one migrates while the others wait on the lock. */
async function migrateLocked(connection: pg.PoolClient): Promise<void> {
  const db = drizzleNodePg({ client: connection, schema });
  await db.execute(sql`select pg_advisory_lock(hashtext('callflow:migrations'))`);
  try {
    await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await db.execute(sql`select pg_advisory_unlock(hashtext('callflow:migrations'))`);
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db (socket URLs like postgres://u@/db?host=/run are valid too). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Rows of a plain SQL query; both drivers answer `{ rows }` (drizzle's generic type cannot say so). */
export async function sqlRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
