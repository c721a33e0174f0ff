/** An ARI request that fails with Asterisk's status and body (`{"message": ...}` unless stated). */
export class AriError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = { message },
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new AriError(404, message);
export const badRequest = (message: string) => new AriError(400, message);
export const conflict = (message: string) => new AriError(409, message);
export const unprocessable = (message: string) => new AriError(422, message);
export const serverError = (message: string) => new AriError(500, message);
