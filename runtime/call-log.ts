/**
 * The call detail record (CDR): one per call, written when the call ends — including callers who
 * hung up in a prompt or a queue. Secret digits appear only as '•'; secret values never reach it.
 * `CallLogSink` is the seam to storage (in memory here; the store adds a drizzle one).
 */
import type { Json } from '../language/compiled-format.ts';

export type CallOutcome = 'completed' | 'abandoned' | 'transferred' | 'failed' | 'queued';

export interface CallError {
  kind: string;
  message: string;
  /** DSL position of the failing statement, when known. */
  line: number | null;
  column: number | null;
  at: string;
}

export interface CallRecord {
  callId: string;
  tenant: string;
  caller: string;
  callerName: string | null;
  dialled: string;
  flowId: string;
  flowName: string;
  /** Deployment version number of the flow (1, 2, ...). */
  flowVersion: number;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  /** Named steps in the order visited (consecutive repeats collapsed). */
  steps: string[];
  /** One entry per collection: the keys typed, secret digits as '•'. */
  keys: string[];
  queue: { name: string; waitMs: number; result: string } | null;
  operator: string | null;
  outcome: CallOutcome;
  /** Who ended the call. */
  endedBy: 'caller' | 'flow' | 'operator' | 'system';
  recording: string | null;
  transfers: { target: string; destination: string; result: string }[];
  /** `log field = value` values and survey answers. */
  custom: Record<string, Json>;
  errors: CallError[];
}

export interface CallLogSink {
  write(record: CallRecord): Promise<void>;
}

export class InMemoryCallLog implements CallLogSink {
  readonly records: CallRecord[] = [];

  async write(record: CallRecord): Promise<void> {
    this.records.push(record);
  }

  find(callId: string): CallRecord | undefined {
    return this.records.find((r) => r.callId === callId);
  }
}

type Start = Pick<
  CallRecord,
  'callId' | 'tenant' | 'caller' | 'callerName' | 'dialled' | 'flowId' | 'flowName' | 'flowVersion'
>;

/** Builds one call's record as the session goes. */
export class CallRecorder {
  private readonly record: Omit<CallRecord, 'endedAt' | 'outcome' | 'endedBy'>;
  private outcome: CallOutcome | null = null;
  private endedBy: CallRecord['endedBy'] = 'caller';

  constructor(start: Start, startedAtMs: number) {
    // Field by field (not a spread): one compact object per call.
    this.record = {
      callId: start.callId,
      tenant: start.tenant,
      caller: start.caller,
      callerName: start.callerName,
      dialled: start.dialled,
      flowId: start.flowId,
      flowName: start.flowName,
      flowVersion: start.flowVersion,
      startedAt: iso(startedAtMs),
      answeredAt: null,
      steps: [],
      keys: [],
      queue: null,
      operator: null,
      recording: null,
      transfers: [],
      custom: {},
      errors: [],
    };
  }

  answered(atMs: number): void {
    this.record.answeredAt = iso(atMs);
  }

  visit(step: string): void {
    const steps = this.record.steps;
    if (steps[steps.length - 1] !== step) steps.push(step);
  }

  /** Keys of one collection; `secret` masks every digit (a terminator stays visible). */
  keys(keys: string, secret: boolean, terminator: string | null): string {
    const shown = secret ? [...keys].map((k) => (k === terminator ? k : '•')).join('') : keys;
    if (shown !== '') this.record.keys.push(shown);
    return shown;
  }

  queued(name: string, waitMs: number, result: string, operator: string | null): void {
    this.record.queue = { name, waitMs, result };
    if (operator) this.record.operator = operator;
  }

  transfer(target: string, destination: string, result: string): void {
    this.record.transfers.push({ target, destination, result });
  }

  recording(name: string): void {
    this.record.recording = name;
  }

  custom(fields: Record<string, Json>): void {
    Object.assign(this.record.custom, fields);
  }

  error(error: Omit<CallError, 'at'>, atMs: number): void {
    this.record.errors.push({ ...error, at: iso(atMs) });
  }

  /** The outcome once known (a later, weaker one does not replace it: a connected call stays queued). */
  settle(outcome: CallOutcome, endedBy: CallRecord['endedBy']): void {
    if (this.outcome === null) {
      this.outcome = outcome;
      this.endedBy = endedBy;
    }
  }

  get settled(): CallOutcome | null {
    return this.outcome;
  }

  finish(endedAtMs: number): CallRecord {
    return {
      ...this.record,
      endedAt: iso(endedAtMs),
      outcome: this.outcome ?? 'abandoned',
      endedBy: this.endedBy,
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
