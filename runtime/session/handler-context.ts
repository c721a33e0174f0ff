/**
 * What a command handler is given (everything it needs, passed in: no service locator, no reaching
 * into the session) and what it gives back.
 */
import type { CallInfo, Command, InputResult, SpeechPart } from '../../language/compiled-format.ts';
import type { Workspace } from '../../language/workspace.ts';
import type { PbxPort } from '../../telephony/pbx-port.ts';
import type { Acd } from '../acd/acd.ts';
import type { CallEvent } from '../call-events.ts';
import type { CallOutcome, CallRecorder } from '../call-log.ts';
import type { Clock } from '../clock.ts';
import type { DataOperations } from '../data/data-operations.ts';
import type { DialPlan } from '../dial-plan.ts';
import type { Logger } from '../logger.ts';
import type { SpeechLang } from '../speech/speech-language.ts';
import type { SpeechMedia } from '../speech/speech-media.ts';
import type { CallLine } from './call-line.ts';
import type { SecretVault } from './secret-vault.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CallEventBody = DistributiveOmit<CallEvent, 'callId' | 'at'>;

export interface SpeechExtras {
  ewtMinutes?: number;
  position?: number;
}

export interface HandlerContext {
  call: CallInfo;
  /** The flow's language (prompts the host adds itself are spoken in it). */
  lang: SpeechLang;
  line: CallLine;
  pbx: PbxPort;
  clock: Clock;
  /** Renders and synthesizes speech parts: at once for a constant already rendered, else a promise. */
  speech(parts: SpeechPart[], extras?: SpeechExtras): SpeechMedia | Promise<SpeechMedia>;
  vault: SecretVault;
  cdr: CallRecorder;
  emit(event: CallEventBody): void;
  acd: Acd;
  data: DataOperations;
  workspace: Workspace;
  dialPlan: DialPlan;
  logger: Logger;
  /** Set by `record call`: the conversation is recorded under this name once bridged with a person. */
  recordAs: string | null;
}

/** The flow's part in the call is over: hung up, or connected to a person until someone hangs up. */
export interface CallHandedOff {
  type: '$handed-off';
  outcome: CallOutcome;
  /** 'flow' when the flow hung up; otherwise the session waits for the caller to hang up. */
  endedBy: 'flow' | null;
}

export type HandlerResult = InputResult | CallHandedOff;

export type Handler<K extends Command['type']> = (
  command: Extract<Command, { type: K }>,
  ctx: HandlerContext,
) => Promise<HandlerResult>;

/**
 * A command the host could not carry out because of the flow (a value that cannot be spoken, an
 * unknown data source): the call goes to the fallback, logged with the statement's DSL line.
 */
export class CommandFailure extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}
