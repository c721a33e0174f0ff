/**
 * A tiny path router for the ARI REST surface: `/channels/{channelId}/play/{playbackId}` style
 * patterns, static segments preferred over parameters, 405 when the path exists for another method.
 */

export interface AriRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or null. */
  body: unknown;
  host: string;
  /** performance.timeOrigin + performance.now() when the request arrived. */
  receivedAt: number;
}

export interface AriResponse {
  status: number;
  body?: unknown;
}

export type Handler = (req: AriRequest) => AriResponse | Promise<AriResponse>;

interface Route {
  method: string;
  segments: string[];
  statics: number;
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean);
    const statics = segments.filter((s) => !s.startsWith('{')).length;
    this.routes.push({ method, segments, statics, handler });
    this.routes.sort((a, b) => b.statics - a.statics);
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    let pathExists = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      pathExists = true;
    }
    return pathExists ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.startsWith('{')) {
      try {
        params[s.slice(1, -1)] = decodeURIComponent(parts[i]);
      } catch {
        return null;
      }
    } else if (s !== parts[i]) return null;
  }
  return params;
}

export const ok = (body: unknown): AriResponse => ({ status: 200, body });
export const created = (body: unknown): AriResponse => ({ status: 201, body });
export const noContent = (): AriResponse => ({ status: 204 });

/** A parameter from the query string (last one wins, as in Asterisk) or the JSON body. */
export function param(req: AriRequest, name: string): string | undefined {
  const all = req.query.getAll(name);
  if (all.length > 0) return all[all.length - 1];
  const body = req.body as Record<string, unknown> | null;
  const v = body && typeof body === 'object' && !Array.isArray(body) ? body[name] : undefined;
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : String(v);
}

/** A list parameter: a comma list in the (last) query value, or a JSON array in the body (03). */
export function listParam(req: AriRequest, name: string): string[] {
  const all = req.query.getAll(name);
  if (all.length > 0) return splitList(all[all.length - 1]);
  const body = req.body as Record<string, unknown> | null;
  const v = body && typeof body === 'object' && !Array.isArray(body) ? body[name] : undefined;
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  return typeof v === 'string' ? splitList(v) : [];
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function numberParam(req: AriRequest, name: string): number | undefined {
  const v = param(req, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function boolParam(req: AriRequest, name: string): boolean | undefined {
  const v = param(req, name);
  if (v === undefined) return undefined;
  return v === 'true' || v === '1' || v === 'yes';
}

/** The `variables` object of a JSON body (`{"variables": {...}}`). */
export function bodyVariables(req: AriRequest): Record<string, string> | undefined {
  const body = req.body as { variables?: unknown } | null;
  const vars = body && typeof body === 'object' ? body.variables : undefined;
  if (!vars || typeof vars !== 'object' || Array.isArray(vars)) return undefined;
  return Object.fromEntries(Object.entries(vars as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
