/** Builds the driver for each data source a workspace declares. */
import type { DataSourceConfig } from '../../language/workspace.ts';
import { BuiltinSource } from './builtin-source.ts';
import type { CustomerStore } from './customer-store.ts';
import type { DataDriver } from './data-operations.ts';
import { HttpSource } from './http-source.ts';
import { SqlSource } from './sql-source.ts';

export interface DriverDeps {
  /** The built-in customer store (`builtin` sources). */
  customers: CustomerStore;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

export function createDataDrivers(
  sources: Record<string, DataSourceConfig>,
  deps: DriverDeps,
): Record<string, DataDriver> {
  const drivers: Record<string, DataDriver> = {};
  for (const [name, source] of Object.entries(sources)) {
    if (source.kind === 'builtin') drivers[name] = new BuiltinSource(deps.customers);
    else if (source.kind === 'sql' && source.url)
      drivers[name] = new SqlSource({ url: source.url, env: deps.env });
    else if (source.kind === 'http' && source.url)
      drivers[name] = new HttpSource({ baseUrl: source.url, fetch: deps.fetch });
  }
  return drivers;
}
