/**
 * The one error type of the HTTP API: it knows its status, a stable code and its message in both
 * languages. Every failure leaves the server as `{error: {status, code, message, ...details}}`
 * (see `errorBody`); store errors and hono's own exceptions are mapped here, in one place.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isConnectionError } from '../../runtime/store/retry.ts';
import { StoreError } from '../../runtime/store/store-error.ts';
import { type Locale, requestLocale } from './locale.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly messageRu: string,
    /** Extra fields of the error object (diagnostics, validation issues). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  text(locale: Locale): string {
    return locale === 'ru' ? this.messageRu : this.message;
  }
}

export function unauthorized(): ApiError {
  return new ApiError(
    401,
    'unauthorized',
    'Sign in first (session cookie or Bearer token).',
    'Сначала войдите (cookie сеанса или токен Bearer).',
  );
}

export function forbidden(): ApiError {
  return new ApiError(403, 'forbidden', 'Your role does not allow this.', 'Ваша роль этого не позволяет.');
}

/** Unknown ids and other tenants' things look the same: existence never leaks across tenants. */
export function notFound(what: string, whatRu: string): ApiError {
  return new ApiError(404, 'not-found', `${what} not found.`, `${whatRu}: не найдено.`);
}

export function badRequest(
  code: string,
  message: string,
  messageRu: string,
  details: Record<string, unknown> = {},
): ApiError {
  return new ApiError(400, code, message, messageRu, details);
}

const STORE_STATUS = { 'not-found': 404, conflict: 409, unavailable: 503 } as const;

/** Any thrown value as an ApiError; unknown errors become a 500 whose details stay in the log. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) {
    return new ApiError(STORE_STATUS[error.code], error.code, error.message, error.messageRu);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 413) return payloadTooLarge();
    return new ApiError(
      status,
      `http-${status}`,
      error.message || 'Request failed.',
      error.message || 'Запрос не выполнен.',
    );
  }
  if (isConnectionError(error)) {
    return new ApiError(
      503,
      'database-unavailable',
      'The database cannot be reached right now; try again shortly.',
      'База данных сейчас недоступна; повторите попытку чуть позже.',
    );
  }
  return new ApiError(
    500,
    'internal',
    'Something went wrong on the server; it has been logged.',
    'Ошибка на сервере; она записана в журнал.',
  );
}

export function payloadTooLarge(): ApiError {
  return new ApiError(
    413,
    'payload-too-large',
    'The request body is too large.',
    'Тело запроса слишком велико.',
  );
}

export function errorBody(error: ApiError, locale: Locale) {
  return { error: { status: error.status, code: error.code, message: error.text(locale), ...error.details } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(errorBody(error, requestLocale(c)), error.status);
}
