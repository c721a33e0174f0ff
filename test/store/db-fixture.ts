/**
 * One database per test worker, emptied between tests. PGlite costs ~4 s and ~0.9 GB to start cold
 * (TECH-NOTES), so the first start in a checkout migrates an in-memory cluster and dumps it to
 * `.cache/pglite/<migrations hash>.tar.gz`; every later start loads that snapshot (~1 s). PostgreSQL
 * is used when DATABASE_URL is set; its suite prints a loud warning instead when it is not.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MemoryLogger } from '../../runtime/logger.ts';
import {
  type Database,
  type Db,
  MIGRATIONS_FOLDER,
  openDatabase,
  sqlRows,
} from '../../runtime/store/database.ts';

export type Backend = 'pglite' | 'postgres';

export interface StoreContext {
  readonly kind: Backend;
  readonly database: Database;
  readonly db: Db;
  /** The PostgreSQL URL the suite uses (its own database); null on PGlite. */
  readonly url: string | null;
  /** Everything the store logged during the current test. */
  readonly logger: MemoryLogger;
}

const SNAPSHOT_DIR = join(process.cwd(), '.cache', 'pglite');
let pglite: Promise<Database> | null = null;
let postgres: Promise<Database> | null = null;
const logger = new MemoryLogger();

/** The worker's PGlite, from the snapshot when there is one. */
export function sharedPglite(): Promise<Database> {
  pglite ??= openPgliteFromSnapshot();
  return pglite;
}

/**
 * The worker's PostgreSQL connection pool, or null when DATABASE_URL is not set. The suite works in
 * its own database (`<name>_store`, created on first use) because it empties every table between
 * tests, and other suites (the ACD's) may use DATABASE_URL at the same time.
 */
export function sharedPostgres(): Promise<Database> | null {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  postgres ??= ownDatabase(url).then((own) => openDatabase({ url: own, logger, poolSize: 4 }));
  return postgres;
}

/** The URL of the store suite's own database, created if missing. */
export async function ownDatabase(url: string): Promise<string> {
  const match = /^(postgres(?:ql)?:\/\/[^/]*\/)([^?]*)(.*)$/.exec(url);
  if (!match) throw new Error(`cannot read the database name in DATABASE_URL: ${url}`);
  const name = `${match[2] || 'postgres'}_store`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by a parallel worker
      });
    }
  } finally {
    await admin.end();
  }
  return `${match[1]}${name}${match[3]}`;
}

export async function closeShared(kind: Backend): Promise<void> {
  const open = kind === 'pglite' ? pglite : postgres;
  if (kind === 'pglite') pglite = null;
  else postgres = null;
  await (await open)?.close();
}

async function openPgliteFromSnapshot(): Promise<Database> {
  return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteSnapshot(), logger });
}

/** A dump of a freshly migrated cluster, made once per checkout and migrations version. */
export async function pgliteSnapshot(): Promise<Blob> {
  const file = join(SNAPSHOT_DIR, `${await migrationsHash()}.tar.gz`);
  const saved = await readFile(file).catch(() => null);
  if (saved) return new Blob([saved]);
  const database = await openDatabase({ dataDir: 'memory://', logger });
  try {
    if (database.client.kind !== 'pglite') throw new Error('expected PGlite');
    const dump = await database.client.pglite.dumpDataDir('gzip');
    await mkdir(SNAPSHOT_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await rename(tmp, file); // atomic: a parallel worker never reads half a snapshot
    return dump;
  } finally {
    await database.close();
  }
}

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort();
  for (const f of files) {
    if (f.endsWith('.sql') || f.endsWith('.json'))
      hash.update(f).update(await readFile(join(MIGRATIONS_FOLDER, f)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Empties every table of the store (the migrations journal lives in schema "drizzle" and stays).
 * DELETE rather than TRUNCATE: on PostgreSQL truncating 20 tables costs ~0.5 s (new files per table),
 * deleting a test's few rows a few milliseconds. Every foreign key cascades, so the order is free.
 */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await sqlRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  for (const { tablename } of tables) await db.execute(sql`delete from ${sql.identifier(tablename)}`);
}

/** Opens the backend once for the file, empties it before each test. */
export function useTestDatabase(kind: Backend): StoreContext {
  let database: Database | null = null;
  beforeAll(async () => {
    database = kind === 'pglite' ? await sharedPglite() : await sharedPostgres();
  });
  beforeEach(async () => {
    logger.lines.length = 0;
    if (database) await truncateAll(database.db);
  });
  afterAll(async () => {
    await closeShared(kind);
    database = null;
  });
  return {
    kind,
    get database() {
      if (!database) throw new Error(`${kind} test database is not open`);
      return database;
    },
    get db() {
      return this.database.db;
    },
    get url() {
      const client = this.database.client;
      return client.kind === 'postgres' ? client.url : null;
    },
    logger,
  };
}
