/**
 * A step's result as the sandbox hands it over: the command parsed and checked, with the two fields
 * of the state the host reads (`flow`, `step`). The state itself stays where it is kept: as the JSON
 * text the VM wrote (a call whose state the host keeps), or inside the sandbox (a held call, see
 * held-state.ts), from where `stateText` fetches it while it is the call's latest. `state` parses
 * the text on first use, for callers that want the object.
 */
import type { Command, FlowState, StepResult } from '../../language/compiled-format.ts';
import type { HeldState } from './held-state.ts';

/** Where a held call's state text comes from (FlowSandbox). */
export interface HeldSource {
  heldText(held: HeldState, version: number): string;
}

export class StepReply implements StepResult {
  private text: string | null;
  private parsed: FlowState | null = null;

  constructor(
    readonly command: Command,
    text: string | null,
    /** `state.flow` and `state.step`, without parsing the state. */
    readonly flow: string,
    readonly step: string,
    /** For a held call: where its state is, and which version of it this step made. */
    private readonly source: HeldSource | null = null,
    private readonly held: HeldState | null = null,
    private readonly version = 0,
  ) {
    this.text = text;
  }

  /**
   * The state as JSON text. For a held call it is read from the sandbox, which works while this is
   * the call's latest step (the session reads it right away); afterwards it throws.
   */
  get stateText(): string {
    if (this.text === null) {
      if (!this.source || !this.held) throw new Error('this step result kept no state (it was refused)');
      this.text = this.source.heldText(this.held, this.version);
    }
    return this.text;
  }

  get state(): FlowState {
    this.parsed ??= JSON.parse(this.stateText) as FlowState;
    return this.parsed;
  }
}
