/**
 * Operators' survey scripts: each operator's latest survey call with its script, and the answers
 * and notes they enter — checked against the current question, in order, and stored with the
 * customer at once (an answer accepted before a refused one is kept).
 */
import type { Json } from '../../language/compiled-format.ts';
import type { Clock } from '../clock.ts';
import type { AnswerSink, SurveyAnswerRow } from './dialer-types.ts';
import type { SurveyCall } from './survey-call.ts';
import type { ScriptAnswer, ScriptView } from './survey-script.ts';

/** The question name notes are stored under: not an identifier, so no question can have it. */
export const NOTES_QUESTION = 'operator-notes';

export interface OperatorAnswers {
  /** The call the answers belong to (the operator's latest survey call). */
  callId: string;
  answers?: { question: string; value: unknown }[];
  notes?: string;
}

export type OperatorAnswerResult =
  | { ok: true; call: SurveyCall; view: ScriptView }
  | { ok: false; code: 'no-call' }
  | (Exclude<ScriptAnswer, { ok: true }> & { stored: number });

export class OperatorScripts {
  private readonly byOperator = new Map<string, SurveyCall>();

  constructor(
    private readonly clock: Clock,
    private readonly sink: AnswerSink,
  ) {}

  /** An operator took a call: it replaces their previous one. */
  connected(call: SurveyCall): void {
    if (call.operatorId) this.byOperator.set(call.operatorId, call);
  }

  surveyCall(tenant: string, operatorId: string): SurveyCall | null {
    const call = this.byOperator.get(operatorId);
    return call && call.tenant === tenant ? call : null;
  }

  async answer(tenant: string, operatorId: string, input: OperatorAnswers): Promise<OperatorAnswerResult> {
    const call = this.surveyCall(tenant, operatorId);
    if (!call || call.callId !== input.callId || !call.script) return { ok: false, code: 'no-call' };
    const script = call.script;
    let refused: Exclude<ScriptAnswer, { ok: true }> | null = null;
    for (const given of input.answers ?? []) {
      const result = script.answer(given.question, given.value);
      if (!result.ok) {
        refused = result;
        break;
      }
    }
    const now = this.clock.now();
    const given = script.answers();
    const rows = given.slice(call.storedAnswers).map((a) => row(call, a.question, a.value, now));
    const notes = input.notes?.trim() ?? '';
    if (notes !== '') rows.push(row(call, NOTES_QUESTION, notes, now));
    // Marked before the write, so a request that comes meanwhile does not store them twice.
    const before = call.storedAnswers;
    call.storedAnswers = given.length;
    try {
      if (rows.length > 0) await this.sink.save(tenant, rows);
    } catch (error) {
      call.storedAnswers = before;
      throw error;
    }
    if (refused) return { ...refused, stored: rows.length };
    return { ok: true, call, view: script.view() };
  }
}

function row(call: SurveyCall, question: string, answer: Json, at: number): SurveyAnswerRow {
  return {
    callId: call.callId,
    customerId: call.customerId,
    survey: call.campaignName,
    question,
    answer,
    at,
  };
}
