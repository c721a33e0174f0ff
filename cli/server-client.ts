/**
 * What the CLI commands that talk to a running server share (deploy, versions, rollback): the
 * server URL (`--server`, CALLFLOW_SERVER, default http://localhost:8080), the token (`--token` or
 * CALLFLOW_TOKEN; an API token from POST /api/t/<tenant>/tokens or the token of POST /api/login),
 * the tenant (`--tenant`, else the token's only tenant), and errors turned into one clear sentence.
 */
export type Locale = 'en' | 'ru';

export const SERVER_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  tenant: { type: 'string' },
  lang: { type: 'string' },
} as const;

export const SERVER_OPTIONS_HELP = `  --server URL      the Callflow server (default $CALLFLOW_SERVER or http://localhost:8080)
  --token T         an API or session token (default $CALLFLOW_TOKEN)
  --tenant ID       the tenant (default: the token's only tenant)
  --lang en|ru      message language; default ru when LANG starts with ru, else en`;

export class CliFailure extends Error {}

export interface ServerError {
  status: number;
  code: string;
  message: string;
  diagnostics?: {
    severity: string;
    code: string;
    message: string;
    range: { start: { line: number; column: number } };
  }[];
}

export function chooseLocale(lang: string | undefined): Locale {
  if (lang === 'en' || lang === 'ru') return lang;
  return (process.env.LANG ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export class ServerClient {
  private constructor(
    readonly server: string,
    private readonly token: string,
    readonly tenant: string,
    readonly locale: Locale,
  ) {}

  /** Reads the options and finds the tenant (asking the server when the token has only one). */
  static async connect(values: {
    server?: string;
    token?: string;
    tenant?: string;
    lang?: string;
  }): Promise<ServerClient> {
    const locale = chooseLocale(values.lang);
    const server = (values.server ?? process.env.CALLFLOW_SERVER ?? 'http://localhost:8080').replace(
      /\/+$/,
      '',
    );
    const token = values.token ?? process.env.CALLFLOW_TOKEN;
    if (!token) {
      throw new CliFailure(
        locale === 'ru'
          ? 'нужен токен: --token T или CALLFLOW_TOKEN (токен выдаёт POST /api/login или администратор: POST /api/t/<клиент>/tokens)'
          : 'a token is needed: --token T or CALLFLOW_TOKEN (POST /api/login gives one, or an admin issues one: POST /api/t/<tenant>/tokens)',
      );
    }
    const probe = new ServerClient(server, token, values.tenant ?? '', locale);
    if (values.tenant) return probe;
    const me = (await probe.request('GET', '/api/me')) as { memberships: { tenant: { id: string } }[] };
    const tenants = me.memberships.map((m) => m.tenant.id);
    if (tenants.length !== 1) {
      throw new CliFailure(
        locale === 'ru'
          ? `укажите клиента: --tenant (${tenants.join(', ') || 'нет доступных'})`
          : `say which tenant: --tenant (${tenants.join(', ') || 'none available'})`,
      );
    }
    return new ServerClient(server, token, tenants[0], locale);
  }

  /** `/api/t/<tenant>` + path. */
  tenantPath(path: string): string {
    return `/api/t/${encodeURIComponent(this.tenant)}${path}`;
  }

  /** The JSON of a 2xx response; a ServerFailure with the server's error otherwise. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          'accept-language': this.locale,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const detail =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      throw new CliFailure(
        this.locale === 'ru'
          ? `нет связи с сервером ${this.server} (${detail}); он запущен (npm start)?`
          : `cannot reach the server at ${this.server} (${detail}); is it running (npm start)?`,
      );
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.ok) return json;
    const error = (json as { error?: ServerError } | null)?.error;
    throw new ServerFailure(
      error ?? {
        status: response.status,
        code: `http-${response.status}`,
        message: text.slice(0, 200) || response.statusText,
      },
    );
  }
}

export class ServerFailure extends CliFailure {
  constructor(readonly error: ServerError) {
    super(error.message);
  }
}

/** Prints a failure (with diagnostics as `file:line:col severity CODE message`) and gives the exit code. */
export function reportFailure(command: string, error: unknown, file = '-'): number {
  if (error instanceof ServerFailure) {
    for (const d of error.error.diagnostics ?? []) {
      console.error(
        `${file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`,
      );
    }
    console.error(`callflow ${command}: ${error.message} [${error.error.status} ${error.error.code}]`);
    return 1;
  }
  if (error instanceof CliFailure) {
    console.error(`callflow ${command}: ${error.message}`);
    return 1;
  }
  throw error;
}
