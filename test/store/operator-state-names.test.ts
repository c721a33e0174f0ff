/**
 * Migration 0004 renames stored operator states to the ACD's vocabulary (runtime/acd/operator-states.ts):
 * rows written in the old spellings before it ('logged-out', 'ready', 'not_ready', 'wrapup') read
 * 'LoggedOut', 'Ready', 'NotReady', 'WrapUp' after it; a tenant's own state keeps its name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../runtime/store/database.ts';

const journal: { entries: { tag: string }[] } = JSON.parse(
  readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'),
);

async function apply(db: PGlite, tag: string): Promise<void> {
  const text = readFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) await db.exec(statement);
}

it('renames the old spellings of built-in states in operators and operator_state_log', async () => {
  const db = await PGlite.create();
  const index = journal.entries.findIndex((e) => e.tag === '0004_operator-state-names');
  expect(index).toBeGreaterThan(0);
  for (const entry of journal.entries.slice(0, index)) await apply(db, entry.tag);
  await db.exec(`
    insert into tenants (id, name) values ('t', 'T');
    insert into users (id, email, display_name, password_hash) values
      ('00000000-0000-0000-0000-000000000001', 'a@x', 'A', 'x'),
      ('00000000-0000-0000-0000-000000000002', 'b@x', 'B', 'x'),
      ('00000000-0000-0000-0000-000000000003', 'c@x', 'C', 'x');
    insert into operators (id, tenant_id, user_id, state) values
      ('10000000-0000-0000-0000-000000000001', 't', '00000000-0000-0000-0000-000000000001', 'logged-out'),
      ('10000000-0000-0000-0000-000000000002', 't', '00000000-0000-0000-0000-000000000002', 'not_ready'),
      ('10000000-0000-0000-0000-000000000003', 't', '00000000-0000-0000-0000-000000000003', 'Training');
    insert into operator_state_log (tenant_id, operator_id, from_state, to_state, at) values
      ('t', '10000000-0000-0000-0000-000000000002', 'logged-out', 'ready', now()),
      ('t', '10000000-0000-0000-0000-000000000002', 'ready', 'wrapup', now()),
      ('t', '10000000-0000-0000-0000-000000000002', 'wrapup', 'Lunch', now());
  `);
  await apply(db, journal.entries[index].tag);
  const operators = await db.query<{ state: string }>('select state from operators order by id');
  expect(operators.rows.map((r) => r.state)).toEqual(['LoggedOut', 'NotReady', 'Training']);
  const log = await db.query<{ from_state: string; to_state: string }>(
    'select from_state, to_state from operator_state_log order by id',
  );
  expect(log.rows.map((r) => [r.from_state, r.to_state])).toEqual([
    ['LoggedOut', 'Ready'],
    ['Ready', 'WrapUp'],
    ['WrapUp', 'Lunch'],
  ]);
  await db.query(
    "insert into users (id, email, display_name, password_hash) values ('00000000-0000-0000-0000-000000000004', 'd@x', 'D', 'x')",
  );
  await db.query(
    "insert into operators (tenant_id, user_id) values ('t', '00000000-0000-0000-0000-000000000004')",
  );
  const fresh = await db.query<{ state: string }>(
    "select state from operators where user_id = '00000000-0000-0000-0000-000000000004'",
  );
  expect(fresh.rows[0].state).toBe('LoggedOut');
  await db.close();
}, 60_000);
