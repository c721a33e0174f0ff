/**
 * A call's state kept inside its flow's sandbox between steps (held-state-shim.ts), as the host
 * knows it: which slot of which context holds it, or, when no context does (the context was
 * rebuilt, or the state was given as an object), its JSON text, which the next step takes in.
 *
 * The session holds one per call (FlowSandbox.hold) and passes it where a state goes; the sandbox
 * alone changes it. A waiting call holds this small object, not its state.
 */
export class HeldState {
  /** @internal Slot in `context`'s slot map, or -1. */
  slot = -1;
  /** @internal The sandbox context (its `Live`) the slot belongs to. */
  context: object | null = null;
  /** @internal The state as JSON text while no context holds it. */
  text: string | null = null;
  /** @internal Bumped whenever the state changes, so a reply can tell it is still the latest. */
  version = 0;

  /** False before the first step of the call succeeded (and after `release`). */
  get hasState(): boolean {
    return this.slot >= 0 || this.text !== null;
  }

  /** @internal No state any more (released, or lost with its context). */
  clear(): void {
    this.slot = -1;
    this.context = null;
    this.text = null;
    this.version++;
  }
}
