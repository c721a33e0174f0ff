/**
 * The QuickJS WebAssembly module the sandboxes run on, loaded once per process (~25 ms, +7 MB).
 *
 * QuickJS's own accounting cannot bound memory here (TECH-NOTES: `setMemoryLimit` only rejects single
 * allocations above the limit, strings are not counted), so the engine caps the module's linear
 * memory itself: `grow` is refused past `capBytes`, which QuickJS reports inside the VM as
 * "out of memory" instead of the process eating the machine. Linear memory never shrinks, so when it
 * has grown past `renewAboveBytes` the engine loads a fresh module and every sandbox rebuilds on it at
 * its next step; calls do not notice because their state lives on the host.
 */
import { newQuickJSWASMModule, type QuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';

export interface EngineLimits {
  /** Linear memory the module may grow to; a step that needs more fails with out-of-memory. */
  capBytes: number;
  /** Past this much linear memory a fresh module is loaded and sandboxes move to it. */
  renewAboveBytes: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = {
  capBytes: 384 * 1024 * 1024,
  renewAboveBytes: 128 * 1024 * 1024,
};

const PAGE = 65_536;

export class QuickJsEngine {
  /** Bumped when a fresh module replaces the old one; sandboxes compare it to rebuild. */
  generation = 0;
  renewals = 0;
  private current: QuickJSWASMModule;
  private renewing: Promise<void> | null = null;

  private constructor(
    module: QuickJSWASMModule,
    readonly limits: EngineLimits,
  ) {
    this.current = module;
  }

  static async load(limits: Partial<EngineLimits> = {}): Promise<QuickJsEngine> {
    const full = { ...DEFAULT_ENGINE_LIMITS, ...limits };
    return new QuickJsEngine(await loadCappedModule(full.capBytes), full);
  }

  get module(): QuickJSWASMModule {
    return this.current;
  }

  /** Linear memory of the current module, in bytes. */
  memoryBytes(): number {
    return this.current.getWasmMemory().buffer.byteLength;
  }

  private lastBytes = 0;

  /**
   * Called after every step: the linear memory now, whether it grew since the last sample (the step
   * just run grew it: steps run one at a time), and a module renewal once it is too large.
   */
  sampleMemory(): { bytes: number; grew: boolean } {
    const bytes = this.memoryBytes();
    const grew = bytes > this.lastBytes;
    this.lastBytes = bytes;
    if (bytes > this.limits.renewAboveBytes) void this.renew();
    return { bytes, grew };
  }

  /** Loads a fresh module; sandboxes see the new generation and rebuild at their next step. */
  renew(): Promise<void> {
    if (!this.renewing) {
      this.renewing = loadCappedModule(this.limits.capBytes)
        .then((module) => {
          this.current = module;
          this.lastBytes = 0;
          this.generation++;
          this.renewals++;
        })
        .finally(() => {
          this.renewing = null;
        });
    }
    return this.renewing;
  }
}

async function loadCappedModule(capBytes: number): Promise<QuickJSWASMModule> {
  const module = await newQuickJSWASMModule(RELEASE_SYNC);
  const memory = module.getWasmMemory();
  const grow = memory.grow.bind(memory);
  // Emscripten's heap resize calls `memory.grow` inside a try/catch and reports failure to malloc,
  // so refusing here surfaces as an ordinary in-VM out-of-memory error.
  Object.defineProperty(memory, 'grow', {
    value: (pages: number) => {
      if (memory.buffer.byteLength + pages * PAGE > capBytes)
        throw new RangeError('callflow: sandbox memory cap');
      return grow(pages);
    },
  });
  return module;
}

let shared: Promise<QuickJsEngine> | null = null;

/** The process-wide engine (loaded on first use). */
export function sharedEngine(): Promise<QuickJsEngine> {
  shared ??= QuickJsEngine.load();
  return shared;
}
