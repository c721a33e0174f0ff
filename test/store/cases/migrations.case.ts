import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, sqlRows } from '../../../runtime/store/database.ts';
import * as schema from '../../../runtime/store/schema/index.ts';
import type { StoreContext } from '../db-fixture.ts';

const migrationCount = async (ctx: StoreContext) =>
  (await sqlRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]
    .n;

export function migrationCases(ctx: StoreContext): void {
  it('migrations create every table of the schema', async () => {
    const present = new Set(
      (
        await sqlRows<{ tablename: string }>(
          ctx.db,
          sql`select tablename from pg_tables where schemaname = 'public'`,
        )
      ).map((r) => r.tablename),
    );
    const expected = Object.values(schema)
      .filter((value) => is(value, PgTable))
      .map((table) => getTableConfig(table as PgTable).name);
    expect(expected).toHaveLength(25);
    expect(expected.filter((name) => !present.has(name))).toEqual([]);
  });

  it('records every migration once and applies none twice on reopening', async () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
    const migrations = journal.entries.length;
    expect(migrations).toBeGreaterThanOrEqual(3);
    expect(await migrationCount(ctx)).toBe(migrations);
    if (ctx.kind === 'postgres') {
      const again = await openDatabase({ url: ctx.url!, logger: ctx.logger, poolSize: 1 });
      await again.close();
    } else {
      await migrate(ctx.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    expect(await migrationCount(ctx)).toBe(migrations);
  });
}
