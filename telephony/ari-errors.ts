/**
 * ari-client rejects a failed REST call with `new Error(<response body>)` and drops the status code,
 * so Asterisk's `{"message": ...}` is all there is to tell "already gone" from a real failure.
 */

export class PbxRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly pbxMessage: string,
  ) {
    super(`${operation}: ${pbxMessage}`);
    this.name = 'PbxRequestError';
  }
}

/** The `message` (or `error`) of an ARI error body, else the error's own text. */
export function ariMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not a JSON body: a network error or a swagger-client message
  }
  return text;
}

/** Errors that mean the object is already gone: fine for hang-up, stop and destroy. */
export function isGone(error: unknown): boolean {
  return /not found|not in Stasis|isn't playing/i.test(ariMessage(error));
}

export async function ariCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new PbxRequestError(operation, ariMessage(error));
  }
}

/** For operations answered with 204: ari-client resolves them with '', the port with nothing. */
export async function ariCommand(operation: string, call: () => Promise<unknown>): Promise<void> {
  await ariCall(operation, call);
}

/** Runs a call whose "already gone" failure is success (idempotent stop/hang-up). */
export async function ariCallIdempotent(operation: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isGone(error)) throw new PbxRequestError(operation, ariMessage(error));
  }
}
