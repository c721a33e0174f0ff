import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindNamedParameters, SqlSource } from '../../../runtime/data/sql-source.ts';

// PostgreSQL from DATABASE_URL, else the local cluster over its socket (CI starts one; see .ci/run).
const url = process.env.DATABASE_URL ?? 'postgres://postgres@/postgres?host=/var/run/postgresql';
const schema = `callflow_rt_${process.pid}`;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const available = await reachable();

describe('bindNamedParameters', () => {
  it('turns :names into bind parameters, leaving casts and quoted text alone', () => {
    expect(
      bindNamedParameters(
        "SELECT balance::numeric, ':not' FROM a WHERE contract = :contract AND (:contract <> '')",
        {
          contract: '123456',
        },
      ),
    ).toEqual({
      text: "SELECT balance::numeric, ':not' FROM a WHERE contract = $1 AND ($1 <> '')",
      values: ['123456'],
    });
  });

  it('refuses a name that is not a parameter', () => {
    expect(() => bindNamedParameters('SELECT :nope', {})).toThrow(':nope');
  });
});

describe.skipIf(!available)('SqlSource on PostgreSQL', () => {
  const admin = new pg.Pool({ connectionString: url });
  const source = new SqlSource({ url: 'CALLFLOW_TEST_DB', env: { CALLFLOW_TEST_DB: url } });

  beforeAll(async () => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.accounts (contract text primary key, balance numeric, currency text)`,
    );
    await admin.query(`INSERT INTO ${schema}.accounts VALUES ('123456', 50.00, 'UAH'), ('777', 1.5, 'USD')`);
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    await source.close();
  });

  const config = (sql: string, result: unknown) =>
    ({ params: [{ name: 'contract', type: 'string', secret: false }], result, optional: true, sql }) as never;

  it('runs a named query with bind parameters; a record result is the first row', async () => {
    const row = await source.call(
      'balance',
      config(`SELECT balance, currency FROM ${schema}.accounts WHERE contract = :contract`, {
        record: { balance: 'number' },
      }),
      { contract: '123456' },
      new AbortController().signal,
    );
    expect(row).toEqual({ balance: '50.00', currency: 'UAH' });
  });

  it('a list result returns every row; no row is null', async () => {
    const rows = await source.call(
      'all',
      config(`SELECT contract FROM ${schema}.accounts WHERE contract <> :contract ORDER BY contract`, {
        list: 'any',
      }),
      { contract: 'x' },
      new AbortController().signal,
    );
    expect(rows).toEqual([{ contract: '123456' }, { contract: '777' }]);
    const none = await source.call(
      'balance',
      config(`SELECT balance FROM ${schema}.accounts WHERE contract = :contract`, 'number'),
      { contract: 'nope' },
      new AbortController().signal,
    );
    expect(none).toBeNull();
  });

  it('an injection attempt is just a value', async () => {
    const row = await source.call(
      'balance',
      config(`SELECT balance FROM ${schema}.accounts WHERE contract = :contract`, 'number'),
      { contract: "' OR 1=1 --" },
      new AbortController().signal,
    );
    expect(row).toBeNull();
  });
});
