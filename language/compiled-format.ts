/**
 * The contract between the compiler and the runtime (ARCHITECTURE decision 1).
 *
 * The compiler turns a flow into a plain JavaScript *script* (not an ES module) that, evaluated once
 * in a QuickJS context, defines `globalThis.__flows[<meta.id>] = { meta, start, step, fallback }`.
 * Every function is pure: state in, state out. The state is JSON and is owned by the host, so a
 * context can be thrown away and rebuilt at any time, and a call can move to another process.
 *
 *   start(init)          -> StepResult          first command of a new call
 *   step(state, input)   -> StepResult          the host's result of the last command in
 *   fallback(state, err) -> StepResult          the flow's `fallback` clause (or the default one)
 *
 * The script reads nothing from the host: no clock (time arrives in every input as `clock`), no I/O.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A secret value (a PIN) never enters the sandbox: the host keeps it and hands out a reference. */
export interface SecretRef {
  $secret: string;
}

/** DSL position a command or error maps back to (1-based). */
export interface Loc {
  line: number;
  column: number;
}

export interface FlowMeta {
  /** Stable id: flow name + source hash. */
  id: string;
  name: string;
  flavor: 'flow' | 'survey';
  answers: string[];
  language: 'ru' | 'uk' | 'en';
  timezone: string | null;
  /** Named steps in source order (for the graph and CDR). */
  steps: string[];
  /** Calendars the flow asks about; the host evaluates them into `clock.open` for every input. */
  calendars: string[];
  /** Variables declared secret. */
  secrets: string[];
  /** Operator group (surveys). */
  group: string | null;
  hasFallback: boolean;
}

export interface CallInfo {
  id: string;
  caller: { number: string; name: string | null };
  dialled: string;
  tenant: string;
}

/** Time as the flow sees it, computed by the host from its injected clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** Local time in the flow's time zone. weekday: 1 = Monday … 7 = Sunday. */
  local: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    weekday: number;
    iso: string;
  };
  /** calendar name -> open now? for every name in meta.calendars. */
  open: Record<string, boolean>;
}

export interface FlowState {
  /** Flow id (meta.id): a call finishes on the version it started with. */
  flow: string;
  /** Block the next input resumes. */
  pc: string;
  /** Current named step ('main' for the entry body), for the CDR and the graph. */
  step: string;
  vars: Record<string, Json>;
  /** Subflow call stack. */
  frames: { returnPc: string; vars: Record<string, Json>; step: string; target: string | null }[];
  /** Retry / repeat counters keyed by statement. */
  counters: Record<string, number>;
  /** Call facts, so steps can read `caller`, `dialled`, `call`. */
  call: CallInfo;
}

export interface StepResult {
  state: FlowState;
  command: Command;
}

// ---------------------------------------------------------------------------------------------
// Speech: the host renders parts per language (number and currency agreement live in the host).

export type SpeechPart =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'money'; amount: number; currency: string }
  | { kind: 'digits'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'time'; value: string }
  /** Estimated wait in minutes, filled in by the ACD when a queue announcement is spoken. */
  | { kind: 'ewt' }
  | { kind: 'position' }
  /** A recorded prompt from the workspace. */
  | { kind: 'prompt'; name: string };

// ---------------------------------------------------------------------------------------------
// Commands (sandbox -> host). Every command carries the DSL location of the statement behind it.

export type Command =
  | { type: 'say'; parts: SpeechPart[]; bargeIn: boolean; loc: Loc }
  | {
      type: 'collect';
      prompt: SpeechPart[];
      min: number;
      max: number;
      terminator: string | null;
      firstTimeoutMs: number;
      interDigitTimeoutMs: number;
      /** Regex source the digits must match; checked by the host (so secrets never enter the sandbox). */
      pattern: string | null;
      secret: boolean;
      /** Menu collections accept only these keys (others are `invalid`); null for free digits. */
      validKeys: string[] | null;
      loc: Loc;
    }
  | { type: 'data'; source: string; operation: string; args: (Json | SecretRef)[]; loc: Loc }
  | {
      type: 'queue';
      queue: string;
      priority: number;
      skills: string[];
      maxWaitMs: number | null;
      announce: SpeechPart[] | null;
      announceEveryMs: number | null;
      music: string | null;
      /** True when the flow handles overflow itself (the host returns outcome 'overflow'). */
      handlesOverflow: boolean;
      loc: Loc;
    }
  | { type: 'transfer'; target: 'extension' | 'queue' | 'number'; destination: string; loc: Loc }
  | { type: 'record'; loc: Loc }
  | { type: 'log'; fields: Record<string, Json>; loc: Loc }
  | {
      type: 'question';
      name: string;
      text: SpeechPart[];
      answerType: 'yesno' | 'choice' | 'number' | 'text';
      min: number | null;
      max: number | null;
      options: { key: string; label: string }[];
      loc: Loc;
    }
  | { type: 'hangup'; loc: Loc };

// ---------------------------------------------------------------------------------------------
// Inputs (host -> sandbox): the result of the last command, plus the clock.

export type InputResult =
  | { type: 'start' }
  | { type: 'played' }
  /** Digits collected. For a secret collection `digits` is '' and `secret` holds the reference. */
  | { type: 'digits'; digits: string; secret?: SecretRef; terminated: boolean }
  | { type: 'timeout' }
  | { type: 'invalid'; digits: string }
  | { type: 'data'; ok: true; value: Json }
  | { type: 'data'; ok: false; error: 'timeout' | 'failed'; message: string }
  | { type: 'queue'; outcome: 'overflow' | 'timeout' | 'no-operators' }
  | { type: 'answer'; value: Json }
  | { type: 'ok' };

export type StepInput = InputResult & { clock: Clock };

export interface StartInput {
  call: CallInfo;
  clock: Clock;
}

/** What `compile()` returns. */
export interface CompiledFlow {
  meta: FlowMeta;
  /** The script to evaluate in the sandbox. */
  code: string;
  /** Source map v3 from `code` back to the flow source. */
  sourceMap: SourceMapV3;
}

export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent?: string[];
  names: string[];
  mappings: string;
}

/** The global the compiled script registers itself under. */
export const FLOWS_GLOBAL = '__flows';
