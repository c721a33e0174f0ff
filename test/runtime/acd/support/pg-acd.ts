/**
 * A private PostgreSQL schema for the ACD coordinator tests on DATABASE_URL: the tables are created
 * from runtime/store/schema/acd.ts by drizzle-kit's own generator (the SQL a migration would hold,
 * see acd-ddl.ts), and every connection of the test sees only that schema, so tests never touch
 * other data.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL ?? '';

export function loudSkip(what: string): void {
  if (DATABASE_URL) return;
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! SKIPPED: ${what}\n!! DATABASE_URL is not set, so the PostgreSQL claim protocol is NOT tested.\n` +
      '!! Run: pg_ctlcluster 15 main start; su postgres -c "createdb callflow_test"\n' +
      '!!      DATABASE_URL=postgres://postgres@/callflow_test?host=/var/run/postgresql npx vitest run test/runtime/acd\n' +
      `${line}\n`,
  );
}

export async function privateSchema() {
  const name = `acd_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`create schema ${name}`);
  const script = fileURLToPath(new URL('./acd-ddl.ts', import.meta.url));
  const statements: string[] = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' }),
  );
  const pools: pg.Pool[] = [];
  /** A separate pool (its own connections), as a separate runtime process would have. */
  const connect = (max = 4) => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max, options: `-c search_path=${name}` });
    pools.push(pool);
    return { pool, db: drizzle(pool) };
  };
  const setup = connect(1);
  for (const statement of statements) await setup.pool.query(statement);
  return {
    name,
    connect,
    async drop() {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`drop schema ${name} cascade`);
      await admin.end();
    },
  };
}
