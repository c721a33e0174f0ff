/**
 * One string (and four numbers) into a QuickJS function, one string back: the only way the host calls a flow.
 *
 * quickjs-emscripten's public calls (`newString`, `callFunction`, `getString`) cost several
 * microseconds a step on their own: UTF-8 is encoded a character at a time in JavaScript, and every
 * value, argument list and result is wrapped in objects for the garbage collector. The direct
 * crossing calls the module's exported C functions (the same ones those calls use) with one reused
 * buffer for the argument, and encodes and decodes UTF-8 in place through a Node Buffer over the
 * module's memory.
 * quickjs-emscripten is pinned (0.32.0) and the exports it relies on are checked when a context is
 * built: without them the crossing falls back to the public calls, which behave the same.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';

/** A string result, or the exception the function threw (the caller disposes it). */
export type Crossed = { ok: true; text: string } | { ok: false; error: QuickJSHandle };

/**
 * The arguments after the text: four numbers (cheaper as numbers than as JSON the VM must parse)
 * and a rare second text (null: not passed).
 */
export interface CrossingArgs {
  numbers: [number, number, number, number];
  extra: string | null;
}

export interface VmCrossing {
  call(fn: QuickJSHandle, text: string, args: CrossingArgs): Crossed;
  dispose(): void;
}

/** What the direct crossing needs of the emscripten module (exported C functions and the heap). */
interface ModuleExports {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _QTS_NewString(ctx: number, chars: number): number;
  _QTS_NewFloat64(ctx: number, value: number): number;
  _QTS_Call(ctx: number, fn: number, thisValue: number, argc: number, argv: number): number;
  _QTS_ResolveException(ctx: number, value: number): number;
  _QTS_GetString(ctx: number, value: number): number;
  _QTS_FreeCString(ctx: number, chars: number): void;
  _QTS_FreeValuePointer(ctx: number, value: number): void;
}

/** The context's private parts the direct crossing reads (stable in quickjs-emscripten 0.32). */
interface ContextInternals {
  module: Partial<ModuleExports>;
  ctx: { value: number };
  memory: { heapValueHandle(pointer: number): QuickJSHandle };
}

const MAX_ARGS = 6;

const EXPORTS = [
  '_malloc',
  '_free',
  '_QTS_NewString',
  '_QTS_NewFloat64',
  '_QTS_Call',
  '_QTS_ResolveException',
  '_QTS_GetString',
  '_QTS_FreeCString',
  '_QTS_FreeValuePointer',
] as const;

/** Node's Buffer with its UTF-8 methods that work in place (typed in @types/node, not exported). */
type NodeBuffer = Buffer & {
  utf8Slice(start: number, end: number): string;
  utf8Write(text: string, offset: number, length: number): number;
};

/** The direct crossing for a context, or the public calls when the module lacks what it needs. */
export function crossingFor(context: QuickJSContext): VmCrossing {
  const internals = context as unknown as Partial<ContextInternals>;
  const module = internals.module;
  const ctx = internals.ctx?.value;
  const ok =
    module !== undefined &&
    module.HEAPU8 instanceof Uint8Array &&
    EXPORTS.every((name) => typeof module[name] === 'function') &&
    typeof ctx === 'number' &&
    typeof internals.memory?.heapValueHandle === 'function';
  return ok ? new DirectCrossing(context, internals as ContextInternals) : new PublicCrossing(context);
}

class DirectCrossing implements VmCrossing {
  private readonly m: ModuleExports;
  private readonly ctx: number;
  private readonly undefinedValue: number;
  private buffer = 0;
  private capacity = 0;
  private readonly argv: number;
  /** The argument values of the call in progress (JSValue pointers). */
  private readonly values = new Array<number>(MAX_ARGS).fill(0);
  private heapView: NodeBuffer | null = null;

  constructor(
    context: QuickJSContext,
    private readonly internals: ContextInternals,
  ) {
    this.m = internals.module as ModuleExports;
    this.ctx = internals.ctx.value;
    this.undefinedValue = context.undefined.value as unknown as number;
    this.argv = this.m._malloc(4 * MAX_ARGS);
    if (this.argv === 0) throw new RangeError('callflow: sandbox memory cap');
  }

  call(fn: QuickJSHandle, text: string, args: CrossingArgs): Crossed {
    const { m, ctx, values } = this;
    values[0] = m._QTS_NewString(ctx, this.encode(text));
    for (let i = 0; i < 4; i++) values[i + 1] = m._QTS_NewFloat64(ctx, args.numbers[i]);
    // The buffer is free again: NewString copied the first text into the VM.
    const argc = args.extra === null ? 5 : 6;
    if (argc === 6) values[5] = m._QTS_NewString(ctx, this.encode(args.extra!));
    const heap = this.heap();
    for (let i = 0; i < argc; i++) heap.writeInt32LE(values[i] | 0, this.argv + 4 * i);
    const result = m._QTS_Call(ctx, fn.value as unknown as number, this.undefinedValue, argc, this.argv);
    for (let i = 0; i < argc; i++) m._QTS_FreeValuePointer(ctx, values[i]);
    const error = m._QTS_ResolveException(ctx, result);
    if (error !== 0) {
      m._QTS_FreeValuePointer(ctx, result);
      return { ok: false, error: this.internals.memory.heapValueHandle(error) };
    }
    const chars = m._QTS_GetString(ctx, result);
    // The heap afresh: the call may have grown the module's memory (a new buffer).
    const after = this.heap();
    const out = after.utf8Slice(chars, after.indexOf(0, chars));
    m._QTS_FreeCString(ctx, chars);
    m._QTS_FreeValuePointer(ctx, result);
    return { ok: true, text: out };
  }

  /** Writes `text` as NUL-terminated UTF-8 into the reused buffer (JSON text holds no NUL). */
  private encode(text: string): number {
    const needed = text.length * 3 + 1;
    if (needed > this.capacity) {
      if (this.buffer !== 0) this.m._free(this.buffer);
      const capacity = Math.max(needed, 4096);
      this.buffer = this.m._malloc(capacity);
      this.capacity = this.buffer === 0 ? 0 : capacity;
      if (this.buffer === 0) throw new RangeError('callflow: sandbox memory cap');
    }
    const heap = this.heap();
    const written = heap.utf8Write(text, this.buffer, this.capacity - 1);
    heap[this.buffer + written] = 0;
    return this.buffer;
  }

  /**
   * The module's memory as a Node Buffer (a view, no copy), made again only when the memory has
   * grown: reading and writing UTF-8 through it needs no typed-array view per step.
   */
  private heap(): NodeBuffer {
    const memory = this.m.HEAPU8.buffer;
    if (this.heapView === null || this.heapView.buffer !== memory)
      this.heapView = Buffer.from(memory) as NodeBuffer;
    return this.heapView;
  }

  dispose(): void {
    if (this.buffer !== 0) this.m._free(this.buffer);
    this.m._free(this.argv);
    this.buffer = 0;
    this.capacity = 0;
  }
}

/** The public calls of quickjs-emscripten: slower, same behaviour (exported for tests). */
export class PublicCrossing implements VmCrossing {
  constructor(private readonly context: QuickJSContext) {}

  call(fn: QuickJSHandle, text: string, args: CrossingArgs): Crossed {
    const { context } = this;
    const values = [context.newString(text), ...args.numbers.map((n) => context.newNumber(n))];
    if (args.extra !== null) values.push(context.newString(args.extra));
    const result = context.callFunction(fn, context.undefined, ...values);
    for (const value of values) value.dispose();
    if (result.error) return { ok: false, error: result.error };
    const out = context.getString(result.value);
    result.value.dispose();
    return { ok: true, text: out };
  }

  dispose(): void {}
}
