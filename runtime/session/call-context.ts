/**
 * The HandlerContext of one call. A class rather than an object literal of closures: thousands of
 * calls wait at once, and what every call shares (the port, clock, ACD, data, speech) is read
 * through the session's dependencies instead of being copied into each call.
 */
import type { CallInfo, SpeechPart } from '../../language/compiled-format.ts';
import type { Workspace } from '../../language/workspace.ts';
import type { PbxPort } from '../../telephony/pbx-port.ts';
import type { Acd } from '../acd/acd.ts';
import type { CallEvent, CallEvents } from '../call-events.ts';
import type { CallRecorder } from '../call-log.ts';
import type { Clock } from '../clock.ts';
import type { DataOperations } from '../data/data-operations.ts';
import type { DialPlan } from '../dial-plan.ts';
import type { Logger } from '../logger.ts';
import type { SpeechLang } from '../speech/speech-language.ts';
import type { SpeechMedia } from '../speech/speech-media.ts';
import type { CallLine } from './call-line.ts';
import type { CallEventBody, HandlerContext, SpeechExtras } from './handler-context.ts';
import type { SecretVault } from './secret-vault.ts';

/** What every call of one deployed flow version shares. */
export interface SharedDeps {
  pbx: PbxPort;
  clock: Clock;
  workspace: Workspace;
  acd: Acd;
  data: DataOperations;
  dialPlan: DialPlan;
  speech(parts: SpeechPart[], lang: SpeechLang, extras?: SpeechExtras): SpeechMedia | Promise<SpeechMedia>;
  events: CallEvents;
  logger: Logger;
}

export class CallContext implements HandlerContext {
  recordAs: string | null = null;

  constructor(
    readonly call: CallInfo,
    readonly lang: SpeechLang,
    readonly line: CallLine,
    readonly vault: SecretVault,
    readonly cdr: CallRecorder,
    private readonly shared: SharedDeps,
  ) {}

  get pbx(): PbxPort {
    return this.shared.pbx;
  }

  get clock(): Clock {
    return this.shared.clock;
  }

  get acd(): Acd {
    return this.shared.acd;
  }

  get data(): DataOperations {
    return this.shared.data;
  }

  get workspace(): Workspace {
    return this.shared.workspace;
  }

  get dialPlan(): DialPlan {
    return this.shared.dialPlan;
  }

  get logger(): Logger {
    return this.shared.logger;
  }

  speech(parts: SpeechPart[], extras?: SpeechExtras): SpeechMedia | Promise<SpeechMedia> {
    return this.shared.speech(parts, this.lang, extras);
  }

  /** Every caller builds its event afresh, so the call's id and the time are added in place. */
  emit(event: CallEventBody): void {
    const full = event as CallEventBody & { callId: string; at: number };
    full.callId = this.call.id;
    full.at = this.shared.clock.now();
    this.shared.events.emit(full as CallEvent);
  }
}
