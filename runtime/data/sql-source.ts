/**
 * The `sql` data source: named, parameterized queries on PostgreSQL through `pg`. The admin writes
 * `SELECT balance, currency FROM accounts WHERE contract = :contract` in the workspace; parameters
 * are sent as bind values (`$1`), never spliced into the text. A list result returns every row, a
 * record the first row, a scalar the first column of the first row.
 */
import pg from 'pg';
import type { Json } from '../../language/compiled-format.ts';
import type { OperationConfig } from '../../language/workspace.ts';
import { DataFailure } from './data-failure.ts';
import type { DataArgs, DataDriver } from './data-operations.ts';

export interface SqlSourceOptions {
  /** Connection string, or the name of an environment variable holding one. */
  url: string;
  env?: Record<string, string | undefined>;
  /** Upper bound for any query (the declared timeouts are enforced above this driver). */
  queryTimeoutMs?: number;
}

export class SqlSource implements DataDriver {
  private pool: pg.Pool | null = null;

  constructor(private readonly options: SqlSourceOptions) {}

  async call(operation: string, config: OperationConfig, args: DataArgs, signal: AbortSignal): Promise<Json> {
    if (!config.sql) throw new DataFailure(`operation ${operation} has no sql`);
    const { text, values } = bindNamedParameters(config.sql, args);
    const pool = this.connect();
    const query = pool.query({ text, values: values as unknown[] });
    // pg cannot abort a running query from here; the caller has already been answered by then.
    if (signal.aborted) throw new DataFailure('aborted');
    const result = await query;
    return rowsToResult(result.rows as Record<string, Json>[], config);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private connect(): pg.Pool {
    if (!this.pool) {
      const { url, env = process.env, queryTimeoutMs = 30_000 } = this.options;
      const connectionString = /^[A-Z_][A-Z0-9_]*$/.test(url) ? env[url] : url;
      if (!connectionString) throw new DataFailure(`no connection string in ${url}`);
      this.pool = new pg.Pool({ connectionString, max: 10, query_timeout: queryTimeoutMs });
      this.pool.on('error', () => {}); // an idle client's error must not crash the process
    }
    return this.pool;
  }
}

/**
 * `:name` placeholders to `$n` bind parameters (`::type` casts and quoted text are left alone). A
 * name used twice binds once.
 */
export function bindNamedParameters(sql: string, args: DataArgs): { text: string; values: Json[] } {
  const order: string[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i];
    if (char === "'" || char === '"') {
      const end = sql.indexOf(char, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      text += sql.slice(i, stop);
      i = stop;
      continue;
    }
    const match =
      char === ':' && sql[i + 1] !== ':' && sql[i - 1] !== ':' ? /^:([A-Za-z_]\w*)/.exec(sql.slice(i)) : null;
    if (match) {
      const name = match[1];
      if (!(name in args)) throw new DataFailure(`the query uses :${name}, which is not a parameter`);
      if (!order.includes(name)) order.push(name);
      text += `$${order.indexOf(name) + 1}`;
      i += match[0].length;
      continue;
    }
    text += char;
    i++;
  }
  return { text, values: order.map((name) => args[name]) };
}

function rowsToResult(rows: Record<string, Json>[], config: OperationConfig): Json {
  const spec = config.result;
  if (typeof spec === 'object' && 'list' in spec) return rows;
  const first = rows[0];
  if (first === undefined) return null;
  if (typeof spec === 'object' && 'record' in spec) return first;
  if (spec === 'any') return first;
  return Object.values(first)[0] ?? null;
}
