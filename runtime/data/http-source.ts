/**
 * The `http` data source: JSON endpoints of an external CRM. `{param}` in the declared path is
 * filled from the arguments; the rest go in the query string (GET) or a JSON body (POST). Secret
 * parameters are only ever sent in a POST body, never in a URL that ends up in access logs.
 * A 404 is "no result" (null); any other failure status is a failure.
 */
import type { Json } from '../../language/compiled-format.ts';
import type { OperationConfig } from '../../language/workspace.ts';
import { DataFailure } from './data-failure.ts';
import type { DataArgs, DataDriver } from './data-operations.ts';

export interface HttpSourceOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export class HttpSource implements DataDriver {
  constructor(private readonly options: HttpSourceOptions) {}

  async call(operation: string, config: OperationConfig, args: DataArgs, signal: AbortSignal): Promise<Json> {
    const method = config.http?.method ?? 'GET';
    const used = new Set<string>();
    const path = (config.http?.path ?? `/${operation}`).replace(/\{(\w+)\}/g, (_all, name: string) => {
      if (!(name in args)) throw new DataFailure(`the path uses {${name}}, which is not a parameter`);
      if (config.params.find((p) => p.name === name)?.secret)
        throw new DataFailure(`secret ${name} cannot go in a URL`);
      used.add(name);
      return encodeURIComponent(String(args[name] ?? ''));
    });
    const url = new URL(
      path.replace(/^\//, ''),
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    const rest = Object.fromEntries(Object.entries(args).filter(([name]) => !used.has(name)));
    const init: RequestInit = {
      method,
      signal,
      headers: { accept: 'application/json', ...this.options.headers },
    };
    if (method === 'GET') {
      if (config.params.some((p) => p.secret && p.name in rest))
        throw new DataFailure('secret parameters need POST');
      for (const [name, value] of Object.entries(rest))
        url.searchParams.set(name, value === null ? '' : String(value));
    } else {
      init.body = JSON.stringify(rest);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await (this.options.fetch ?? fetch)(url, init);
    if (response.status === 404) return null;
    if (!response.ok) throw new DataFailure(`HTTP ${response.status}`);
    try {
      return (await response.json()) as Json;
    } catch {
      throw new DataFailure('the answer is not JSON');
    }
  }
}
