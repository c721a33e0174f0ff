/** What one sandbox allows a flow: time, stack and memory (FlowSandbox enforces them). */
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
  /** Room each held call state adds to the two thresholds above (a state is data, not a leak). */
  heldStateBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  stepDeadlineMs: 50,
  loadDeadlineMs: 2_000,
  maxStackBytes: 128 * 1024,
  maxAllocationBytes: 16 * 1024 * 1024,
  rebuildAboveBytes: 64 * 1024 * 1024,
  contextBudgetBytes: 16 * 1024 * 1024,
  memoryCheckEvery: 1_000,
  heldStateBytes: 4 * 1024,
};
