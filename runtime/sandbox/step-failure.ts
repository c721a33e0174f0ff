/**
 * What a failed step threw inside the VM, as a SandboxError: the kind (a deadline, a stack
 * overflow, an out-of-memory, or an ordinary throw) and the flow line it maps to through the
 * compiled script's source map.
 */
import { originalPositionFor, parseStack } from '../../language/compile/source-map.ts';
import type { Loc, SourceMapV3 } from '../../language/compiled-format.ts';
import { SandboxError } from './sandbox-error.ts';

export interface ScriptInfo {
  sourceMap: SourceMapV3;
  /** The name the script was evaluated under (stack frames carry it). */
  fileName: string;
  stepDeadlineMs: number;
}

/** A dumped QuickJS error (or whatever was thrown) as a SandboxError. */
export function stepFailure(dumped: unknown, script: ScriptInfo): SandboxError {
  const error = (typeof dumped === 'object' && dumped !== null ? dumped : {}) as {
    name?: string;
    message?: string;
    stack?: string;
  };
  const message = error.message ?? String(dumped);
  const kind =
    error.name === 'InternalError' && message === 'interrupted'
      ? 'timeout'
      : error.name === 'InternalError' && message === 'stack overflow'
        ? 'stack-overflow'
        : error.name === 'InternalError' && message === 'out of memory'
          ? 'out-of-memory'
          : 'threw';
  const { loc, scriptLoc } = positionOf(error.stack ?? '', script);
  const text =
    kind === 'timeout'
      ? `the step ran longer than ${script.stepDeadlineMs} ms`
      : kind === 'threw'
        ? `${error.name ?? 'Error'}: ${message}`
        : message;
  return new SandboxError(kind, text, loc, scriptLoc);
}

/**
 * The innermost stack frame in the flow's script that maps to flow source: frames in the compiled
 * prelude (a builtin that threw) map to nothing, so the answer is the statement that called it.
 */
function positionOf(stack: string, script: ScriptInfo): { loc: Loc | null; scriptLoc: Loc | null } {
  let scriptLoc: Loc | null = null;
  for (const frame of parseStack(stack)) {
    if (frame.file !== script.fileName) continue;
    const at = { line: frame.line, column: frame.column };
    scriptLoc ??= at;
    const original = originalPositionFor(script.sourceMap, at.line, at.column);
    if (original) return { loc: { line: original.line, column: original.column }, scriptLoc: at };
  }
  return { loc: null, scriptLoc };
}
