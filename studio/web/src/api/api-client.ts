/**
 * HTTP calls to the studio server. The session rides in the HttpOnly cookie set by /api/login;
 * `Accept-Language` asks for messages in the UI's language. Failures become `ApiRequestError`
 * carrying the server's `{error: {status, code, message, …}}` (e.g. a refused deploy's diagnostics).
 */
import type { Diagnostic } from '../../../../language/diagnostic.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let acceptLanguage = 'en';

export function setApiLocale(locale: 'en' | 'ru'): void {
  acceptLanguage = locale;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': acceptLanguage };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; diagnostics?: Diagnostic[] } } | null)
      ?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      error?.diagnostics ?? [],
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `/api/t/<tenant>/<rest>` with each dynamic part encoded. */
export function tenantPath(tenant: string, ...parts: (string | number)[]): string {
  return `/api/t/${encodeURIComponent(tenant)}/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}
