/**
 * Every API route is declared through this registry: its method and path, who may call it, and the
 * zod schemas of its body and query. Declaring a route registers it on a hono group with, in order,
 * the access middleware (`requireRole(...)`, `requireSession()`, or none for the few public routes),
 * the body-size limit and `validate`; the same list feeds /api/openapi.json and the test that calls
 * every route without a session. A route cannot be added without saying who may call it.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { Role } from '../../runtime/store/schema/tenants-users.ts';
import { payloadTooLarge } from './api-error.ts';
import type { AppEnv } from './app-env.ts';
import { requireSession } from './auth/authenticate.ts';
import { requireRole } from './auth/require-role.ts';
import { type ValidatedInput, validate } from './validate.ts';

export type Access = { roles: readonly Role[] } | { auth: 'session' } | { auth: 'public' };

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends Schema = undefined, Q extends Schema = undefined> {
  summary: string;
  access: Access;
  body?: B;
  query?: Q;
  /** A body that is not JSON (CSV upload): its type, limit and meaning, read by the handler itself. */
  rawBody?: { contentType: string; maxBytes: number; description: string };
  /** What the success response holds (OpenAPI); the error format is the same for every route. */
  responses?: Record<number, string>;
  /** The response is a WebSocket upgrade. */
  websocket?: boolean;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface RouteRecord {
  method: HttpMethod;
  /** Full path in hono syntax (`/api/t/:tenant/flows/:flow`). */
  path: string;
  tag: string;
  spec: RouteSpec<Schema, Schema>;
}

export type RouteHandler<B extends Schema, Q extends Schema> = (
  c: Context<AppEnv>,
  input: { body: Out<B>; query: Out<Q> },
) => Response | Promise<Response>;

export class RouteRegistry {
  readonly routes: RouteRecord[] = [];

  /** A group of routes under `prefix`, mounted with `app.route(group.prefix, group.app)`. */
  group(prefix: string, tag: string): RouteGroup {
    return new RouteGroup(this, prefix, tag);
  }
}

export class RouteGroup {
  readonly app = new Hono<AppEnv>();

  constructor(
    private readonly registry: RouteRegistry,
    readonly prefix: string,
    private readonly tag: string,
  ) {}

  get<B extends Schema = undefined, Q extends Schema = undefined>(
    path: string,
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): this {
    return this.add('get', path, spec, handler);
  }

  post<B extends Schema = undefined, Q extends Schema = undefined>(
    path: string,
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): this {
    return this.add('post', path, spec, handler);
  }

  put<B extends Schema = undefined, Q extends Schema = undefined>(
    path: string,
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): this {
    return this.add('put', path, spec, handler);
  }

  delete<B extends Schema = undefined, Q extends Schema = undefined>(
    path: string,
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): this {
    return this.add('delete', path, spec, handler);
  }

  private add<B extends Schema, Q extends Schema>(
    method: HttpMethod,
    path: string,
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): this {
    this.registry.routes.push({
      method,
      path: joinPath(this.prefix, path),
      tag: this.tag,
      spec: spec as RouteSpec<Schema, Schema>,
    });
    const chain: MiddlewareHandler<AppEnv>[] = [
      accessCheck(spec.access),
      limitBody(spec.rawBody?.maxBytes),
      validate(spec),
    ];
    const run: MiddlewareHandler<AppEnv> = async (c) => {
      const input = c.var.input as ValidatedInput;
      return handler(c, input as { body: Out<B>; query: Out<Q> });
    };
    this.app.on(method.toUpperCase(), [path], ...chain, run);
    return this;
  }
}

function accessCheck(access: Access): MiddlewareHandler<AppEnv> {
  if ('roles' in access) return requireRole(...access.roles);
  if (access.auth === 'session') return requireSession();
  return async function publicRoute(_c, next) {
    await next();
  };
}

/** hono's bodyLimit with the configured size (or the route's own) and our error format. */
function limitBody(maxBytes: number | undefined): MiddlewareHandler<AppEnv> {
  return async function limitBody(c, next) {
    const limit = bodyLimit({
      maxSize: maxBytes ?? c.var.deps.config.bodyLimitBytes,
      onError: () => {
        throw payloadTooLarge();
      },
    });
    return limit(c, next);
  };
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
