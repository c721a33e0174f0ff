/**
 * Checks what a step returned before the host acts on it: a broken or hostile script must route its
 * call to the fallback, never crash a handler with a malformed command.
 */
import type { StepResult } from '../../language/compiled-format.ts';

type Shape = Record<string, (value: unknown) => boolean>;
type FieldChecks = [field: string, check: (value: unknown) => boolean][];

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
const isParts = (v: unknown) => Array.isArray(v) && v.every((part) => isObject(part) && isString(part.kind));
const isLoc = (v: unknown) => isObject(v) && isNumber(v.line) && isNumber(v.column);

const commandShapes: Record<string, Shape> = {
  say: { parts: isParts, bargeIn: isBoolean },
  collect: {
    prompt: isParts,
    min: isNumber,
    max: isNumber,
    terminator: orNull(isString),
    firstTimeoutMs: isNumber,
    interDigitTimeoutMs: isNumber,
    pattern: orNull(isString),
    secret: isBoolean,
    validKeys: orNull(isStrings),
  },
  data: { source: isString, operation: isString, args: Array.isArray },
  queue: {
    queue: isString,
    priority: isNumber,
    skills: isStrings,
    maxWaitMs: orNull(isNumber),
    announce: orNull(isParts),
    announceEveryMs: orNull(isNumber),
    music: orNull(isString),
    handlesOverflow: isBoolean,
  },
  transfer: { target: (v) => v === 'extension' || v === 'queue' || v === 'number', destination: isString },
  record: {},
  log: { fields: isObject },
  question: {
    name: isString,
    text: isParts,
    answerType: (v) => v === 'yesno' || v === 'choice' || v === 'number' || v === 'text',
    min: orNull(isNumber),
    max: orNull(isNumber),
    options: (v) => Array.isArray(v) && v.every((o) => isObject(o) && isString(o.key) && isString(o.label)),
  },
  hangup: {},
};

/** The shapes as lists, made once: this runs on every step. */
const fieldChecks: Record<string, FieldChecks> = Object.fromEntries(
  Object.entries(commandShapes).map(([type, shape]) => [type, Object.entries(shape)]),
);

/** Null when `command` is a well-formed Command, else what is wrong with it. */
export function checkCommand(command: unknown): string | null {
  if (!isObject(command)) return 'the result has no command';
  const checks =
    isString(command.type) && Object.hasOwn(fieldChecks, command.type)
      ? fieldChecks[command.type]
      : undefined;
  if (!checks) return `unknown command ${JSON.stringify(command.type)}`;
  if (!isLoc(command.loc)) return `${command.type}: loc is missing`;
  for (const [field, check] of checks) {
    if (!check(command[field])) return `${command.type}: field ${field} is malformed`;
  }
  return null;
}

/**
 * Null when `value` is a well-formed StepResult, else what is wrong with it. The sandbox checks the
 * state inside the VM (host-shim.ts, same words) and only the command here; this is the whole check
 * for results that arrive as objects.
 */
export function checkStepResult(value: unknown): string | null {
  if (!isObject(value)) return 'the step returned no result object';
  const { state, command } = value;
  if (!isObject(state)) return 'the result has no state';
  for (const key of ['flow', 'pc', 'step'] as const) {
    if (!isString(state[key])) return `state.${key} is not a string`;
  }
  if (!isObject(state.vars)) return 'state.vars is not an object';
  if (!Array.isArray(state.frames)) return 'state.frames is not a list';
  if (!isObject(state.counters)) return 'state.counters is not an object';
  if (!isObject(state.call)) return 'state.call is missing';
  return checkCommand(command);
}

export function isStepResult(value: unknown): value is StepResult {
  return checkStepResult(value) === null;
}
