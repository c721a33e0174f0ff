/**
 * A small builder for the simulator's own Swagger 1.2 description files. Field names follow what
 * Asterisk serves and swagger-client 2.0 (inside ari-client) reads: `method`, `type` (with ARI's
 * `List[Channel]` spelling, which ari-client turns into resource instances), `nickname` (the method
 * name ari-client exposes), `parameters` with `paramType`, and `responseMessages`.
 */

export type ParamType = 'path' | 'query' | 'body';

export interface SwaggerParam {
  name: string;
  description: string;
  paramType: ParamType;
  required: boolean;
  allowMultiple: boolean;
  type: string;
  defaultValue?: unknown;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}

export interface SwaggerOperation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  summary: string;
  type: string;
  parameters: SwaggerParam[];
  responseMessages: Array<{ code: number; message: string }>;
}

export interface SwaggerApi {
  path: string;
  description: string;
  operations: SwaggerOperation[];
}

export type SwaggerModel = {
  id: string;
  description: string;
  properties: Record<string, { type: string; required?: boolean; description?: string }>;
};

interface ParamOptions {
  required?: boolean;
  multiple?: boolean;
  type?: string;
  values?: string[];
  default?: unknown;
}

function param(paramType: ParamType, name: string, description: string, o: ParamOptions = {}): SwaggerParam {
  const p: SwaggerParam = {
    name,
    description,
    paramType,
    required: o.required ?? paramType === 'path',
    allowMultiple: o.multiple ?? false,
    type: o.type ?? 'string',
  };
  if (o.default !== undefined) p.defaultValue = o.default;
  if (o.values) p.allowableValues = { valueType: 'LIST', values: o.values };
  return p;
}

export const pathParam = (name: string, description: string) => param('path', name, description);
export const query = (name: string, description: string, o?: ParamOptions) =>
  param('query', name, description, o);
export const body = (name: string, description: string, o?: ParamOptions) =>
  param('body', name, description, { type: 'containers', ...o });

export function operation(
  method: SwaggerOperation['method'],
  nickname: string,
  type: string,
  summary: string,
  parameters: SwaggerParam[] = [],
  errors: Array<[number, string]> = [],
): SwaggerOperation {
  return {
    method,
    nickname,
    summary,
    type,
    parameters,
    responseMessages: errors.map(([code, message]) => ({ code, message })),
  };
}

export const api = (path: string, description: string, operations: SwaggerOperation[]): SwaggerApi => ({
  path,
  description,
  operations,
});

export function model(
  id: string,
  description: string,
  properties: Record<string, string | [string, boolean]>,
): SwaggerModel {
  const props: SwaggerModel['properties'] = {};
  for (const [name, spec] of Object.entries(properties)) {
    const [type, required] = Array.isArray(spec) ? spec : [spec, true];
    props[name] = { type, required };
  }
  return { id, description, properties: props };
}

export interface ResourceDoc {
  resource: string;
  description: string;
  apis: SwaggerApi[];
  models: SwaggerModel[];
}

export const API_VERSION = '10.0.0';

export function resourceDeclaration(doc: ResourceDoc, basePath: string): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.2',
    basePath,
    resourcePath: `/api-docs/${doc.resource}.{format}`,
    produces: ['application/json'],
    consumes: ['application/json'],
    apis: doc.apis,
    models: Object.fromEntries(doc.models.map((m) => [m.id, m])),
  };
}

export function resourceListing(docs: ResourceDoc[], basePath: string): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.2',
    basePath,
    apis: docs.map((d) => ({ path: `/api-docs/${d.resource}.{format}`, description: d.description })),
  };
}
