/**
 * The one error the store throws for expected failures (unknown flow or version, a number owned by
 * another tenant, the database unreachable). It carries a stable code and both languages' messages,
 * so the HTTP layer maps `code` to a status and shows the user's language.
 */
export type StoreErrorCode = 'not-found' | 'conflict' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly messageRu: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
