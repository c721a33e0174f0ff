/**
 * A failed step: what went wrong, where in the flow (DSL line/column through the source map), and
 * where in the generated script. Carried as data to the session, which routes the call to the flow's
 * fallback and logs the DSL line; other calls on the same sandbox are untouched.
 */
import type { Loc } from '../../language/compiled-format.ts';

export type SandboxErrorKind =
  /** The script threw (a JS error inside the flow, a `js` block, a runtime check). */
  | 'threw'
  /** The per-step CPU deadline passed (an endless loop). */
  | 'timeout'
  | 'stack-overflow'
  | 'out-of-memory'
  /** The step returned something that is not a StepResult. */
  | 'bad-result'
  /** The compiled script failed to evaluate. */
  | 'load-failed'
  /** The host could not carry out a command because of the flow (a value that cannot be spoken). */
  | 'command'
  /** The call ran more steps than any real call needs (a loop of commands that never wait). */
  | 'runaway'
  /** The call's state was held in a sandbox that was rebuilt, and could not be read out of it. */
  | 'state-lost';

export class SandboxError extends Error {
  constructor(
    readonly kind: SandboxErrorKind,
    message: string,
    /** Position in the flow source, when the failing script position maps to one. */
    readonly loc: Loc | null,
    /** Position in the generated script (1-based line and column). */
    readonly scriptLoc: Loc | null,
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  /** What the flow's `fallback(state, err)` receives. */
  toJSON(): { kind: SandboxErrorKind; message: string; line: number | null; column: number | null } {
    return {
      kind: this.kind,
      message: this.message,
      line: this.loc?.line ?? null,
      column: this.loc?.column ?? null,
    };
  }

  /** `flow.flow:12:5: timeout: ...` style text for logs. */
  describe(file = 'flow'): string {
    const where = this.loc ? `${file}:${this.loc.line}:${this.loc.column}` : file;
    return `${where}: ${this.kind}: ${this.message}`;
  }
}
