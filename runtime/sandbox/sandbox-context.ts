/**
 * One QuickJS runtime and context with the host shim and a flow's compiled script evaluated in it:
 * what FlowSandbox runs steps in, builds again after an out-of-memory or a new engine module, and
 * throws away. Besides the QuickJS objects it holds what the host knows of this context (the
 * constant commands it has sent, the held states in its slots, the clock it was last sent).
 */
import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
} from 'quickjs-emscripten';
import type { Command, CompiledFlow } from '../../language/compiled-format.ts';
import type { HeldState } from './held-state.ts';
import { HOST_SHIM, HOST_SHIM_FILE } from './host-shim.ts';
import type { QuickJsEngine } from './quickjs-engine.ts';
import { SandboxError } from './sandbox-error.ts';
import type { SandboxLimits } from './sandbox-limits.ts';
import { type ScriptInfo, stepFailure } from './step-failure.ts';
import { crossingFor, type VmCrossing } from './vm-crossing.ts';

export interface SandboxContext {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  /** The shim's entry for this flow: text in, text out. */
  entry: QuickJSHandle;
  crossing: VmCrossing;
  /** The engine generation (module) the context lives in. */
  generation: number;
  /** The context's constant commands by number (host-shim.ts), checked and frozen once. */
  constants: Command[];
  /** Held states whose slot is in this context. */
  held: Set<HeldState>;
  nextSlot: number;
  /** Slots of calls released since the last call into the context (it drops them then). */
  dropped: number[];
  /** The clock's `local` and `open` as last sent (flowClock shares them for a minute). */
  sentLocal: unknown;
  sentOpen: unknown;
}

/** The CPU deadline of what runs in a context now (a step, or loading the script); 0 for none. */
export class Deadline {
  at = 0;

  start(ms: number): void {
    this.at = Date.now() + ms;
  }

  stop(): void {
    this.at = 0;
  }

  passed(): boolean {
    return this.at !== 0 && Date.now() > this.at;
  }
}

// The language needs none of these; fewer intrinsics, less to abuse (and no ArrayBuffer, whose
// allocations bypass QuickJS's accounting).
const INTRINSICS = { ...DefaultIntrinsics, Proxy: false, Promise: false, TypedArrays: false } as const;

/** Evaluates the shim and the script; throws a `load-failed` SandboxError when they do not run. */
export function openContext(
  engine: QuickJsEngine,
  compiled: CompiledFlow,
  script: ScriptInfo,
  limits: SandboxLimits,
  deadline: Deadline,
): SandboxContext {
  const runtime = engine.module.newRuntime();
  runtime.setMaxStackSize(limits.maxStackBytes);
  runtime.setMemoryLimit(limits.maxAllocationBytes);
  runtime.setInterruptHandler(() => deadline.passed());
  const context = runtime.newContext({ intrinsics: INTRINSICS });
  const fail = (stage: string, handle: QuickJSHandle): never => {
    const error = stepFailure(context.dump(handle), script);
    handle.dispose();
    context.dispose();
    runtime.dispose();
    throw new SandboxError('load-failed', `${stage}: ${error.message}`, error.loc, error.scriptLoc);
  };
  const shim = context.evalCode(HOST_SHIM, HOST_SHIM_FILE);
  if (shim.error) return fail('host shim', shim.error);
  const factory = shim.value;
  deadline.start(limits.loadDeadlineMs);
  const loaded = context.evalCode(compiled.code, script.fileName);
  deadline.stop();
  if (loaded.error) {
    factory.dispose();
    return fail('loading the flow', loaded.error);
  }
  loaded.value.dispose();
  const id = context.newString(compiled.meta.id);
  const made = context.callFunction(factory, context.undefined, id);
  id.dispose();
  factory.dispose();
  if (made.error) return fail('host shim', made.error);
  return {
    runtime,
    context,
    entry: made.value,
    crossing: crossingFor(context),
    generation: engine.generation,
    constants: [],
    held: new Set(),
    nextSlot: 0,
    dropped: [],
    sentLocal: null,
    sentOpen: null,
  };
}

export function closeContext(live: SandboxContext): void {
  live.crossing.dispose();
  live.entry.dispose();
  live.context.dispose();
  live.runtime.dispose();
}

/** Bytes the context's runtime has in use (it walks every object: not for every step). */
export function contextBytes(live: SandboxContext): number {
  const handle = live.runtime.computeMemoryUsage();
  const usage = live.context.dump(handle) as { memory_used_size: number };
  handle.dispose();
  return usage.memory_used_size;
}
