/**
 * Reads what the host shim answered for a step (host-shim.ts): `!` and `[problem, loc]` for a result
 * with no well-formed state, else `[constant, command, flow, step]` and, for a state kept on the host,
 * a newline and the state's JSON text. A command is checked before anyone acts on it; a constant
 * command is checked once per context and then known by its number.
 */
import type { Command, Loc } from '../../language/compiled-format.ts';
import { BAD_RESULT_MARK } from './host-shim.ts';
import { SandboxError } from './sandbox-error.ts';
import { checkCommand } from './step-result-check.ts';

export type ShimReply =
  | {
      ok: true;
      command: Command;
      /** `state.flow`; null when it is the sandbox's own flow. */
      flow: string | null;
      step: string;
      /** The state's JSON text, for a state kept on the host. */
      stateText: string | null;
    }
  | {
      ok: false;
      error: SandboxError;
      /** The answer named the sandbox's own flow (a held state changed before the command failed). */
      ownFlow: boolean;
    };

/**
 * `withState`: the answer carries the state's text after the head. `constants`: the context's
 * constant commands, filled in as they first arrive.
 */
export function readShimReply(text: string, withState: boolean, constants: Command[]): ShimReply {
  if (text.startsWith(BAD_RESULT_MARK)) {
    const [problem, loc] = parseOr(text.slice(BAD_RESULT_MARK.length), []) as [unknown, unknown];
    return refused(typeof problem === 'string' ? problem : 'the step returned no result object', loc, false);
  }
  const cut = withState ? text.indexOf('\n') : text.length;
  const head = cut < 0 ? null : parseOr(cut === text.length ? text : text.slice(0, cut), null);
  if (
    !Array.isArray(head) ||
    head.length !== 4 ||
    typeof head[0] !== 'number' ||
    typeof head[3] !== 'string'
  ) {
    return refused('the step returned no result object', null, false);
  }
  const [constant, sent, flow, step] = head as [number, unknown, unknown, string];
  const own = flow === null;
  let command: unknown = sent;
  if (constant < 0 || sent !== null) {
    const problem = checkCommand(command);
    if (problem) return refused(problem, (command as { loc?: unknown } | null)?.loc, own);
    if (constant >= 0) constants[constant] = deepFreeze(command as Command);
  } else {
    command = constants[constant];
    if (command === undefined) return refused('the result has no command', null, own);
  }
  if (!own && typeof flow !== 'string') return refused('state.flow is not a string', null, false);
  return {
    ok: true,
    command: command as Command,
    flow: own ? null : (flow as string),
    step,
    stateText: withState ? text.slice(cut + 1) : null,
  };
}

function refused(message: string, loc: unknown, ownFlow: boolean): ShimReply {
  return {
    ok: false,
    error: new SandboxError('bad-result', message, isLoc(loc) ? loc : null, null),
    ownFlow,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function parseOr(text: string, otherwise: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return otherwise;
  }
}

function isLoc(value: unknown): value is Loc {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Loc).line === 'number' &&
    typeof (value as Loc).column === 'number'
  );
}
