/**
 * /api/openapi.json, generated from the route registry: paths and methods, path parameters, the
 * query and body schemas (zod 4's `z.toJSONSchema`, input side), who may call each route
 * (`x-roles`), and the one error format every route shares.
 */
import { z } from 'zod';
import type { RouteRecord } from './route-registry.ts';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      properties: {
        status: { type: 'integer' },
        code: { type: 'string', description: 'stable machine-readable code' },
        message: { type: 'string', description: 'English, or Russian with Accept-Language: ru' },
      },
      additionalProperties: true,
    },
  },
};

export function openApiDocument(routes: readonly RouteRecord[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Callflow API',
      version,
      description:
        'Sign in with POST /api/login (session cookie + bearer token). Tenant routes live under /api/t/{tenant}/…; ' +
        'the caller needs one of the roles listed in x-roles for that tenant. Errors: {error: {status, code, message}}.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'callflow_session' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

function operation(route: RouteRecord): Json {
  const { spec } = route;
  const parameters: Json[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (spec.query) {
    const schema = jsonSchema(spec.query);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(
      (schema.properties as Record<string, Json> | undefined) ?? {},
    )) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }
  const op: Json = {
    summary: spec.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    parameters,
    responses: {
      ...Object.fromEntries(
        Object.entries(spec.responses ?? { 200: 'OK' }).map(([status, description]) => [
          status,
          { description },
        ]),
      ),
      default: {
        description: 'An error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
  if (spec.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } };
  } else if (spec.rawBody) {
    op.requestBody = {
      required: true,
      description: `${spec.rawBody.description} (at most ${spec.rawBody.maxBytes} bytes)`,
      content: { [spec.rawBody.contentType]: { schema: { type: 'string' } } },
    };
  }
  if ('roles' in spec.access) {
    op['x-roles'] = [...spec.access.roles];
    op.security = [{ bearer: [] }, { session: [] }];
  } else if (spec.access.auth === 'session') {
    op.security = [{ bearer: [] }, { session: [] }];
  } else {
    op.security = [];
  }
  if (spec.websocket) op['x-websocket'] = true;
  return op;
}
