/**
 * One QuickJS runtime + context per deployed flow version, shared by every call on that version
 * (ARCHITECTURE decision 1). The compiled script is evaluated once; each call then crosses in and
 * out as JSON text through the host shim. The call's state lives on the host, so the context can be
 * thrown away and rebuilt at any time (after an out-of-memory, when memory grows, when the engine
 * loads a fresh module) without a call noticing.
 *
 * Limits per step: a CPU deadline through the interrupt handler, a VM stack limit (so deep recursion
 * is an in-VM "stack overflow", not a host RangeError), a single-allocation limit, and the engine's
 * cap on linear memory. A failed step comes back as a `SandboxError` with the DSL position.
 */
import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
} from 'quickjs-emscripten';
import { originalPositionFor, parseStack } from '../../language/compile/source-map.ts';
import type {
  Command,
  CompiledFlow,
  Clock as FlowClock,
  FlowMeta,
  FlowState,
  Json,
  Loc,
  StartInput,
  StepInput,
  StepResult,
} from '../../language/compiled-format.ts';
import { BAD_RESULT_MARK, HOST_SHIM, HOST_SHIM_FILE } from './host-shim.ts';
import { type QuickJsEngine, sharedEngine } from './quickjs-engine.ts';
import { SandboxError } from './sandbox-error.ts';
import { checkCommand } from './step-result-check.ts';

export interface SandboxLimits {
  /** CPU time one step may take. */
  stepDeadlineMs: number;
  /** CPU time evaluating the compiled script may take. */
  loadDeadlineMs: number;
  maxStackBytes: number;
  /** Largest single allocation (QuickJS's malloc limit only catches single allocations). */
  maxAllocationBytes: number;
  /** Rebuild when a step grew the engine's linear memory and it is now above this. */
  rebuildAboveBytes: number;
  /** Rebuild when the runtime's live objects exceed this (checked every `memoryCheckEvery` steps). */
  contextBudgetBytes: number;
  memoryCheckEvery: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  stepDeadlineMs: 50,
  loadDeadlineMs: 2_000,
  maxStackBytes: 128 * 1024,
  maxAllocationBytes: 16 * 1024 * 1024,
  rebuildAboveBytes: 64 * 1024 * 1024,
  contextBudgetBytes: 16 * 1024 * 1024,
  memoryCheckEvery: 1_000,
};

/** What went wrong with a call: a failed step (SandboxError) or a command the host could not run. */
export interface FlowFailure {
  kind: string;
  message: string;
  loc: Loc | null;
}

/**
 * A step's result as the sandbox hands it over: the command parsed, the state kept as the JSON text
 * the VM wrote (what the next step sends back; a waiting call holds this one string), with the two
 * fields the host reads. `state` parses the text on first use, for callers that want the object.
 */
export class StepReply implements StepResult {
  private parsed: FlowState | null = null;

  constructor(
    readonly command: Command,
    readonly stateText: string,
    /** `state.flow` and `state.step`, without parsing the state. */
    readonly flow: string,
    readonly step: string,
  ) {}

  get state(): FlowState {
    this.parsed ??= JSON.parse(this.stateText) as FlowState;
    return this.parsed;
  }
}

export type StepOutcome = { ok: true; result: StepReply } | { ok: false; error: SandboxError };

/** A call's state: the object, or its JSON text as a StepReply carries it. */
export type StateInput = FlowState | string;

export interface SandboxStats {
  steps: number;
  failures: number;
  rebuilds: number;
  lastRebuildReason: string | null;
}

/** Index of the flow function in the host shim's entry list. */
const ENTRY = { start: 0, step: 1, fallback: 2 } as const;
type EntryName = keyof typeof ENTRY;

interface Live {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  entry: QuickJSHandle;
  generation: number;
  /** The context's constant commands by number (host-shim.ts), checked and frozen once. */
  constants: Command[];
}

// The language needs none of these; fewer intrinsics, less to abuse (and no ArrayBuffer, whose
// allocations bypass QuickJS's accounting).
const INTRINSICS = { ...DefaultIntrinsics, Proxy: false, Promise: false, TypedArrays: false } as const;

export class FlowSandbox {
  readonly meta: FlowMeta;
  readonly fileName: string;
  private live: Live | null = null;
  private stale: string | null = null;
  private deadline = 0;
  private readonly stats: SandboxStats = { steps: 0, failures: 0, rebuilds: 0, lastRebuildReason: null };

  private constructor(
    private readonly compiled: CompiledFlow,
    private readonly engine: QuickJsEngine,
    readonly limits: SandboxLimits,
  ) {
    this.meta = compiled.meta;
    // Named as the source map names it, so stack frames and map agree.
    this.fileName = compiled.sourceMap.file || `flow-${compiled.meta.id}.js`;
  }

  /** Loads the compiled script; rejects with a `load-failed` SandboxError when it does not run. */
  static async create(
    compiled: CompiledFlow,
    options: { engine?: QuickJsEngine; limits?: Partial<SandboxLimits> } = {},
  ): Promise<FlowSandbox> {
    const engine = options.engine ?? (await sharedEngine());
    const sandbox = new FlowSandbox(compiled, engine, { ...DEFAULT_SANDBOX_LIMITS, ...options.limits });
    sandbox.build();
    return sandbox;
  }

  start(init: StartInput): StepOutcome {
    return this.call('start', [init as unknown as Json], init.clock.epochMs, null);
  }

  step(state: StateInput, input: StepInput): StepOutcome {
    return this.call('step', [input as unknown as Json], input.clock.epochMs, state);
  }

  /**
   * The flow's fallback for a call whose last step (or command) failed; `state` is the state before
   * that step. The flow receives `{kind, message, line, column, clock}`.
   */
  fallback(state: StateInput, failure: FlowFailure, clock: FlowClock): StepOutcome {
    const err: Json = {
      kind: failure.kind,
      message: failure.message,
      line: failure.loc?.line ?? null,
      column: failure.loc?.column ?? null,
      clock: clock as unknown as Json,
    };
    return this.call('fallback', [err], clock.epochMs, state);
  }

  /** Throws the context away and evaluates the script again; calls keep their host-side state. */
  rebuild(reason: string): void {
    this.stats.rebuilds++;
    this.stats.lastRebuildReason = reason;
    this.teardown();
    this.build();
  }

  statistics(): Readonly<SandboxStats> {
    return this.stats;
  }

  dispose(): void {
    this.teardown();
  }

  /** One string in, one string out (host-shim.ts): the call, then a newline and the state's text. */
  private call(name: EntryName, args: Json[], epochMs: number, state: StateInput | null): StepOutcome {
    if (this.live && this.live.generation !== this.engine.generation) this.stale ??= 'engine renewed';
    try {
      if (this.stale) this.rebuild(this.stale);
      this.stale = null;
      this.live ?? this.build();
    } catch (error) {
      if (error instanceof SandboxError) return { ok: false, error };
      throw error;
    }
    const live = this.live!;
    const { context } = live;
    const head = JSON.stringify([ENTRY[name], epochMs, args]);
    const text =
      state === null ? head : `${head}\n${typeof state === 'string' ? state : JSON.stringify(state)}`;
    const input = context.newString(text);
    this.deadline = Date.now() + this.limits.stepDeadlineMs;
    const result = context.callFunction(live.entry, context.undefined, input);
    this.deadline = 0;
    input.dispose();
    this.stats.steps++;
    const outcome = this.read(live, result);
    if (!outcome.ok) this.stats.failures++;
    this.watchMemory(outcome);
    return outcome;
  }

  private read(live: Live, result: ReturnType<QuickJSContext['callFunction']>): StepOutcome {
    const { context } = live;
    if (result.error) {
      const dumped = context.dump(result.error);
      result.error.dispose();
      return { ok: false, error: this.errorFrom(dumped) };
    }
    // The shim always answers with a string; anything else reads as text that does not parse.
    const text = context.getString(result.value);
    result.value.dispose();
    return this.replyFrom(text, live.constants);
  }

  /** The shim's answer (host-shim.ts) as an outcome; a command is checked before anyone acts on it. */
  private replyFrom(text: string, constants: Command[]): StepOutcome {
    if (text.startsWith(BAD_RESULT_MARK)) {
      const [problem, loc] = parseOr(text.slice(BAD_RESULT_MARK.length), []) as [unknown, unknown];
      return badResult(typeof problem === 'string' ? problem : 'the step returned no result object', loc);
    }
    const cut = text.indexOf('\n');
    const head = cut < 0 ? null : parseOr(text.slice(0, cut), null);
    if (
      !Array.isArray(head) ||
      head.length !== 4 ||
      typeof head[0] !== 'number' ||
      typeof head[3] !== 'string'
    ) {
      return badResult('the step returned no result object');
    }
    const [constant, sent, flow, step] = head as [number, unknown, unknown, string];
    let command: unknown = sent;
    if (constant < 0 || sent !== null) {
      const problem = checkCommand(command);
      if (problem) return badResult(problem, (command as { loc?: unknown } | null)?.loc);
      if (constant >= 0) constants[constant] = deepFreeze(command as Command);
    } else {
      command = constants[constant];
      if (command === undefined) return badResult('the result has no command');
    }
    const stateFlow = flow === null ? this.meta.id : flow;
    if (typeof stateFlow !== 'string') return badResult('state.flow is not a string');
    return { ok: true, result: new StepReply(command as Command, text.slice(cut + 1), stateFlow, step) };
  }

  private watchMemory(outcome: StepOutcome): void {
    const { bytes, grew } = this.engine.sampleMemory();
    if (!outcome.ok && outcome.error.kind === 'out-of-memory') this.stale = 'out of memory';
    else if (grew && bytes > this.limits.rebuildAboveBytes) this.stale = 'memory grew';
    else if (this.stats.steps % this.limits.memoryCheckEvery === 0 && this.live) {
      const handle = this.live.runtime.computeMemoryUsage();
      const usage = this.live.context.dump(handle) as { memory_used_size: number };
      handle.dispose();
      if (usage.memory_used_size > this.limits.contextBudgetBytes) this.stale = 'context over budget';
    }
  }

  private errorFrom(dumped: unknown): SandboxError {
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
    const { loc, scriptLoc } = this.positionOf(error.stack ?? '');
    const text =
      kind === 'timeout'
        ? `the step ran longer than ${this.limits.stepDeadlineMs} ms`
        : kind === 'threw'
          ? `${error.name ?? 'Error'}: ${message}`
          : message;
    return new SandboxError(kind, text, loc, scriptLoc);
  }

  /**
   * The innermost stack frame in the flow's script that maps to flow source: frames in the compiled
   * prelude (a builtin that threw) map to nothing, so the answer is the statement that called it.
   */
  private positionOf(stack: string): { loc: Loc | null; scriptLoc: Loc | null } {
    let scriptLoc: Loc | null = null;
    for (const frame of parseStack(stack)) {
      if (frame.file !== this.fileName) continue;
      const at = { line: frame.line, column: frame.column };
      scriptLoc ??= at;
      const original = originalPositionFor(this.compiled.sourceMap, at.line, at.column);
      if (original) return { loc: { line: original.line, column: original.column }, scriptLoc: at };
    }
    return { loc: null, scriptLoc };
  }

  private build(): Live {
    const runtime = this.engine.module.newRuntime();
    runtime.setMaxStackSize(this.limits.maxStackBytes);
    runtime.setMemoryLimit(this.limits.maxAllocationBytes);
    runtime.setInterruptHandler(() => this.deadline !== 0 && Date.now() > this.deadline);
    const context = runtime.newContext({ intrinsics: INTRINSICS });
    const fail = (stage: string, handle: QuickJSHandle): never => {
      const error = this.errorFrom(context.dump(handle));
      handle.dispose();
      context.dispose();
      runtime.dispose();
      throw new SandboxError('load-failed', `${stage}: ${error.message}`, error.loc, error.scriptLoc);
    };
    const shim = context.evalCode(HOST_SHIM, HOST_SHIM_FILE);
    if (shim.error) return fail('host shim', shim.error);
    const factory = shim.value;
    this.deadline = Date.now() + this.limits.loadDeadlineMs;
    const loaded = context.evalCode(this.compiled.code, this.fileName);
    this.deadline = 0;
    if (loaded.error) {
      factory.dispose();
      return fail('loading the flow', loaded.error);
    }
    loaded.value.dispose();
    const id = context.newString(this.meta.id);
    const made = context.callFunction(factory, context.undefined, id);
    id.dispose();
    factory.dispose();
    if (made.error) return fail('host shim', made.error);
    const entry = made.value;
    this.live = { runtime, context, entry, generation: this.engine.generation, constants: [] };
    return this.live;
  }

  private teardown(): void {
    if (!this.live) return;
    const { runtime, context, entry } = this.live;
    this.live = null;
    entry.dispose();
    context.dispose();
    runtime.dispose();
  }
}

function badResult(message: string, loc: unknown = null): StepOutcome {
  return { ok: false, error: new SandboxError('bad-result', message, isLoc(loc) ? loc : null, null) };
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
