/**
 * `validate({body, query})`: the request's JSON body and query string through zod schemas before
 * any handler runs. A body that is not JSON is 415, malformed JSON 400 `malformed-json`, and a value
 * of the wrong shape 400 `invalid-request` with one issue per field (path and message).
 */
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiError, badRequest, notFound } from './api-error.ts';
import type { AppEnv } from './app-env.ts';

export interface ValidationSpec {
  body?: z.ZodType;
  query?: z.ZodType;
}

export interface ValidatedInput {
  body: unknown;
  query: unknown;
}

export function validate(spec: ValidationSpec): MiddlewareHandler<AppEnv> {
  return async function validate(c, next) {
    const input: ValidatedInput = { body: undefined, query: undefined };
    if (spec.query) input.query = check(spec.query, c.req.query(), 'query');
    if (spec.body) {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/([\w.-]+\+)?json\b/i.test(type)) {
        throw new ApiError(
          415,
          'unsupported-media-type',
          'Send the body as application/json.',
          'Отправьте тело запроса как application/json.',
        );
      }
      input.body = check(spec.body, parseJson(await c.req.text()), 'body');
    }
    c.set('input', input);
    await next();
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(
      'malformed-json',
      `The body is not valid JSON: ${detail}`,
      `Тело запроса — не корректный JSON: ${detail}`,
    );
  }
}

function check(schema: z.ZodType, value: unknown, where: 'body' | 'query'): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return failWith(issues, summary);
}

function failWith(issues: { path: string; message: string }[], summary: string): never {
  throw badRequest('invalid-request', `Invalid request: ${summary}`, `Неверный запрос: ${summary}`, {
    issues,
  });
}

/**
 * A path parameter through a schema. A value of the wrong shape names nothing that exists, so it
 * is a 404 like any unknown id (a malformed uuid must not reach the database as a type error).
 */
export function pathParam<T>(
  c: { req: { param(name: string): string | undefined } },
  name: string,
  schema: z.ZodType<T>,
  what: [string, string],
): T {
  const result = schema.safeParse(c.req.param(name));
  if (!result.success) throw notFound(what[0], what[1]);
  return result.data;
}
