/**
 * One QuickJS runtime + context per deployed flow version, shared by every call on that version
 * (ARCHITECTURE decision 1). The compiled script is evaluated once; each call then crosses in and
 * out as text through the host shim (host-shim.ts, vm-crossing.ts).
 *
 * Where a call's state lives between steps:
 * - A held call (`hold()`, what the session uses): inside the context, in a slot of its own
 *   (held-state-shim.ts), so only the step's input and the command cross. The context can still be
 *   thrown away at any time: a rebuild first takes every held state out as JSON text, and each
 *   call's next step brings its text into the new context. A step's result changes the held state
 *   only once the host has accepted it (a malformed command leaves it as it was).
 * - A state given as an object or as JSON text (tests, tools): it goes in with the step and comes
 *   back as the text the VM wrote.
 *
 * Limits per step: a CPU deadline through the interrupt handler, a VM stack limit (so deep recursion
 * is an in-VM "stack overflow", not a host RangeError), a single-allocation limit, and the engine's
 * cap on linear memory. A failed step comes back as a `SandboxError` with the DSL position.
 */

import type { QuickJSHandle } from 'quickjs-emscripten';
import type {
  CompiledFlow,
  Clock as FlowClock,
  FlowMeta,
  FlowState,
  InputResult,
  Loc,
  StartInput,
  StepInput,
} from '../../language/compiled-format.ts';
import { HeldState } from './held-state.ts';
import { SHIM_ENTRY } from './host-shim.ts';
import { type QuickJsEngine, sharedEngine } from './quickjs-engine.ts';
import {
  closeContext,
  contextBytes,
  Deadline,
  type SandboxContext as Live,
  openContext,
} from './sandbox-context.ts';
import { SandboxError } from './sandbox-error.ts';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './sandbox-limits.ts';
import { readShimReply } from './shim-reply.ts';
import { type ScriptInfo, stepFailure } from './step-failure.ts';
import { StepReply } from './step-reply.ts';
import type { Crossed, CrossingArgs } from './vm-crossing.ts';

export { HeldState } from './held-state.ts';
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './sandbox-limits.ts';
export { StepReply } from './step-reply.ts';

/** What went wrong with a call: a failed step (SandboxError) or a command the host could not run. */
export interface FlowFailure {
  kind: string;
  message: string;
  loc: Loc | null;
}

export type StepOutcome = { ok: true; result: StepReply } | { ok: false; error: SandboxError };

/** A call's state: held in the sandbox, an object, or its JSON text. */
export type StateInput = HeldState | FlowState | string;

export interface SandboxStats {
  steps: number;
  failures: number;
  rebuilds: number;
  lastRebuildReason: string | null;
}

type EntryName = 'start' | 'step' | 'fallback';

/** Held states taken out per call when a context is rebuilt. */
const EXPORT_CHUNK = 256;
/** Released slots are dropped at the next step, or at once when this many wait. */
const DROP_AT_ONCE = 256;

const MEMORY_CAP = 'callflow: sandbox memory cap';

export class FlowSandbox {
  readonly meta: FlowMeta;
  readonly fileName: string;
  private live: Live | null = null;
  private stale: string | null = null;
  private readonly deadline = new Deadline();
  private readonly script: ScriptInfo;
  /**
   * The held state the last call changed; the next call confirms the change, or undoes it. Where it
   * was before: in this context already, or out of it with `lastText` (or nothing).
   */
  private lastHeld: HeldState | null = null;
  private lastWasHere = false;
  private lastText: string | null = null;
  private undoNext = false;
  /** Reused for every call into the context (one call at a time). */
  private readonly args: CrossingArgs = { numbers: [0, -1, 0, 0], extra: null };
  private sinceMemoryCheck = 0;
  private readonly stats: SandboxStats = { steps: 0, failures: 0, rebuilds: 0, lastRebuildReason: null };

  private constructor(
    private readonly compiled: CompiledFlow,
    private readonly engine: QuickJsEngine,
    readonly limits: SandboxLimits,
  ) {
    this.meta = compiled.meta;
    // Named as the source map names it, so stack frames and map agree.
    this.fileName = compiled.sourceMap.file || `flow-${compiled.meta.id}.js`;
    this.script = {
      sourceMap: compiled.sourceMap,
      fileName: this.fileName,
      stepDeadlineMs: limits.stepDeadlineMs,
    };
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

  /** A place for one call's state inside the sandbox (empty until a step fills it). */
  hold(): HeldState {
    return new HeldState();
  }

  /** The call has ended: its held state goes (from the context at the next call into it). */
  release(held: HeldState): void {
    const live = this.live;
    if (live && held.context === live && held.slot >= 0) {
      live.held.delete(held);
      live.dropped.push(held.slot);
      if (live.dropped.length >= DROP_AT_ONCE) this.exportSlots(live, []);
    }
    if (this.lastHeld === held) this.lastHeld = null;
    held.clear();
  }

  /** Gives a held call a state to go on from (its fallback before any step succeeded). */
  seed(held: HeldState, state: FlowState | string): void {
    this.release(held);
    held.text = typeof state === 'string' ? state : JSON.stringify(state);
  }

  /**
   * Takes back what the last call did to `held` (the session refused that result): false when
   * another call into the sandbox came in between, which settled it.
   */
  discardLast(held: HeldState): boolean {
    if (this.lastHeld !== held) return false;
    this.undoLast();
    return true;
  }

  /** The first command of a call; with `into`, its state is held there. */
  start(init: StartInput, into?: HeldState): StepOutcome {
    return this.call('start', { call: init.call }, init.clock, null, into ?? null);
  }

  /**
   * The next command: `input` with its clock, or the input result and the clock apart (the
   * session's way, which saves a copy). A clock's `local` and `open` are read as unchanging
   * objects: flowClock shares them for a minute, and they cross into the context only when new.
   */
  step(state: StateInput, input: StepInput): StepOutcome;
  step(state: StateInput, input: InputResult, clock: FlowClock): StepOutcome;
  step(state: StateInput, input: StepInput | InputResult, clock?: FlowClock): StepOutcome {
    const held = state instanceof HeldState ? state : null;
    if (clock !== undefined) return this.call('step', input, clock, state, held);
    const { clock: inputClock, ...rest } = input as StepInput;
    return this.call('step', rest, inputClock, state, held);
  }

  /**
   * The flow's fallback for a call whose last step (or command) failed; `state` is the state before
   * that step. The flow receives `{kind, message, line, column, clock}`.
   */
  fallback(state: StateInput, failure: FlowFailure, clock: FlowClock): StepOutcome {
    const err = {
      kind: failure.kind,
      message: failure.message,
      line: failure.loc?.line ?? null,
      column: failure.loc?.column ?? null,
    };
    return this.call('fallback', err, clock, state, state instanceof HeldState ? state : null);
  }

  /** Throws the context away and evaluates the script again; calls keep their states. */
  rebuild(reason: string): void {
    this.stats.rebuilds++;
    this.stats.lastRebuildReason = reason;
    if (this.live) this.evacuate(this.live);
    this.teardown();
    this.build();
  }

  statistics(): Readonly<SandboxStats> {
    return this.stats;
  }

  /** Bytes the sandbox's QuickJS runtime has in use: the script, its objects, the held states. */
  contextBytes(): number {
    return this.live ? contextBytes(this.live) : 0;
  }

  dispose(): void {
    if (this.live) for (const held of this.live.held) held.clear();
    this.teardown();
  }

  /** @internal A held call's state text for its latest StepReply (StepReply.stateText). */
  heldText(held: HeldState, version: number): string {
    if (held.version !== version) throw new Error('this step result is no longer the state of its call');
    if (held.text !== null) return held.text;
    const live = this.live;
    const texts = live && held.context === live ? this.exportSlots(live, [held.slot]) : null;
    if (!texts || texts[0] === 'null') throw new Error('the state of this call could not be read');
    return texts[0];
  }

  /** One string in (the argument, then maybe a newline and a state) and one out (host-shim.ts). */
  private call(
    name: EntryName,
    arg: object,
    clock: FlowClock,
    state: StateInput | null,
    held: HeldState | null,
  ): StepOutcome {
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
    let slot = -1;
    let text: string | null = null;
    if (held) {
      if (held.context === live && held.slot >= 0) slot = held.slot;
      else {
        if (name !== 'start') {
          text = held.text;
          if (text === null) return { ok: false, error: stateLost() };
        }
        slot = live.nextSlot++;
      }
    } else if (state !== null) {
      text = typeof state === 'string' ? state : JSON.stringify(state);
    }
    const argText = JSON.stringify(arg);
    const args = this.crossingArgs(live, SHIM_ENTRY[name], slot, clock.epochMs, this.clockText(live, clock));
    const crossed = this.cross(
      live,
      text === null ? argText : `${argText}\n${text}`,
      args,
      this.limits.stepDeadlineMs,
    );
    this.stats.steps++;
    const outcome = crossed.ok
      ? this.replyFrom(crossed.text, live, held, slot)
      : { ok: false as const, error: this.failureOf(live, crossed.error) };
    if (!outcome.ok) this.stats.failures++;
    this.watchMemory(outcome, live);
    return outcome;
  }

  /**
   * What goes into the entry beside the text (host-shim.ts): this call settles the last change
   * (undo), and carries the slots of calls that ended and a new clock when there are any.
   */
  private crossingArgs(
    live: Live,
    entry: number,
    slot: number,
    epochMs: number,
    clock: string | null,
  ): CrossingArgs {
    const undo = this.undoNext ? 1 : 0;
    this.undoNext = false;
    this.lastHeld = null;
    const args = this.args;
    args.numbers[0] = entry;
    args.numbers[1] = slot;
    args.numbers[2] = epochMs;
    args.numbers[3] = undo;
    args.extra = null;
    if (live.dropped.length > 0 || clock !== null) {
      const dropped = live.dropped.length > 0 ? JSON.stringify(live.dropped) : '0';
      live.dropped.length = 0;
      args.extra = `[${clock ?? 'null'},${dropped}]`;
    }
    return args;
  }

  /** The clock's local fields and calendars as JSON when the context has not seen them, else null. */
  private clockText(live: Live, clock: FlowClock): string | null {
    if (clock.local === live.sentLocal && clock.open === live.sentOpen) return null;
    live.sentLocal = clock.local;
    live.sentOpen = clock.open;
    return JSON.stringify([clock.local, clock.open]);
  }

  private cross(
    live: Live,
    text: string,
    args: CrossingArgs,
    deadlineMs: number,
  ): Crossed | { ok: false; error: SandboxError } {
    this.deadline.start(deadlineMs);
    try {
      return live.crossing.call(live.entry, text, args);
    } catch (error) {
      if (error instanceof RangeError && error.message === MEMORY_CAP) {
        return { ok: false, error: new SandboxError('out-of-memory', 'out of memory', null, null) };
      }
      throw error;
    } finally {
      this.deadline.stop();
    }
  }

  private failureOf(live: Live, error: QuickJSHandle | SandboxError): SandboxError {
    if (error instanceof SandboxError) return error;
    const dumped = live.context.dump(error);
    error.dispose();
    return stepFailure(dumped, this.script);
  }

  /**
   * The shim's answer as an outcome. A held call's state changed in the context when the answer
   * names its own flow; a malformed command undoes that at the next call.
   */
  private replyFrom(text: string, live: Live, held: HeldState | null, slot: number): StepOutcome {
    const reply = readShimReply(text, held === null, live.constants);
    if (!reply.ok) {
      if (held && reply.ownFlow) this.undoNext = true;
      return { ok: false, error: reply.error };
    }
    const { command, step } = reply;
    const flow = reply.flow ?? this.meta.id;
    if (!held) return { ok: true, result: new StepReply(command, reply.stateText, flow, step) };
    if (reply.flow !== null) return { ok: true, result: new StepReply(command, null, flow, step) };
    this.lastHeld = held;
    this.lastWasHere = held.context === live && held.slot === slot;
    this.lastText = held.text;
    held.slot = slot;
    held.context = live;
    held.text = null;
    held.version++;
    live.held.add(held);
    return { ok: true, result: new StepReply(command, null, flow, step, this, held, held.version) };
  }

  private undoLast(): void {
    const held = this.lastHeld;
    if (!held) return;
    this.lastHeld = null;
    this.undoNext = true;
    if (!this.lastWasHere) {
      this.live?.held.delete(held);
      held.slot = -1;
      held.context = null;
      held.text = this.lastText;
    }
    held.version++;
  }

  /**
   * Measuring the runtime walks every object in it, held states included, so it happens once per
   * `memoryCheckEvery` steps plus one per held state: the same cost per step at any number of calls.
   */
  private watchMemory(outcome: StepOutcome, live: Live): void {
    const { bytes, grew } = this.engine.sampleMemory();
    const room = live.held.size * this.limits.heldStateBytes;
    if (!outcome.ok && outcome.error.kind === 'out-of-memory') this.stale = 'out of memory';
    else if (grew && bytes > this.limits.rebuildAboveBytes + room) this.stale = 'memory grew';
    else if (++this.sinceMemoryCheck >= this.limits.memoryCheckEvery + live.held.size) {
      this.sinceMemoryCheck = 0;
      if (this.contextBytes() > this.limits.contextBudgetBytes + room) this.stale = 'context over budget';
    }
  }

  /** Before the context goes: every held state comes out as text, for its call's next step. */
  private evacuate(live: Live): void {
    const held = [...live.held];
    live.held.clear();
    for (let i = 0; i < held.length; i += EXPORT_CHUNK) {
      const chunk = held.slice(i, i + EXPORT_CHUNK);
      const texts =
        this.exportSlots(
          live,
          chunk.map((h) => h.slot),
        ) ?? [];
      // A state that cannot be read out is lost: the call's next step fails and takes the fallback.
      for (const [j, h] of chunk.entries()) {
        h.slot = -1;
        h.context = null;
        h.text = texts[j] && texts[j] !== 'null' ? texts[j] : null;
      }
    }
    this.lastHeld = null;
  }

  /** States of some of the context's slots as JSON text, or null when the context cannot say. */
  private exportSlots(live: Live, slots: number[]): string[] | null {
    const args = this.crossingArgs(live, SHIM_ENTRY.export, -1, 0, null);
    const crossed = this.cross(live, JSON.stringify(slots), args, this.limits.loadDeadlineMs);
    if (!crossed.ok) {
      if (!(crossed.error instanceof SandboxError)) crossed.error.dispose();
      return null;
    }
    const texts = crossed.text.split('\n');
    return texts.length === slots.length ? texts : null;
  }

  private build(): Live {
    this.live = openContext(this.engine, this.compiled, this.script, this.limits, this.deadline);
    this.lastHeld = null;
    this.undoNext = false;
    return this.live;
  }

  private teardown(): void {
    if (!this.live) return;
    const live = this.live;
    this.live = null;
    closeContext(live);
  }
}

function stateLost(): SandboxError {
  const message = 'the state of this call was lost when its sandbox was rebuilt';
  return new SandboxError('state-lost', message, null, null);
}
