/**
 * A value the renderer cannot speak (a NaN amount, a malformed date, an `{ewt}` outside a queue).
 * It is thrown, not spoken around: the session host treats it like any other script error — logs it
 * with the command's DSL location and routes the call to the flow's fallback — because a caller
 * hearing «на вашем счету … гривен» with a hole in it is worse than an apology and an operator.
 */
export class SpeechError extends Error {
  override readonly name = 'SpeechError';
}
