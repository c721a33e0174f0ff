/**
 * A survey flow run as an operator's script (seed 001: «система … выдаёт оператору окно со
 * сценарием разговора»). The same compiled survey the keypad runs, stepped on its sandbox: `say`
 * becomes a line the operator reads out, `question` waits for the operator to enter the customer's
 * answer, and the answer goes into the flow, so its branches (да → «Какими сервисами…», нет → «Что
 * именно…») pick the next question exactly as on the keypad. The state is the flow's JSON, held here.
 *
 * What an operator script cannot do: data operations answer `failed` (the flow takes its `on
 * error`), digit collection times out, a queue has no operators (the customer already has one);
 * a transfer or hang-up ends the script.
 */
import type { CallInfo, Clock as FlowClock, Json, StepInput } from '../../language/compiled-format.ts';
import type { FlowSandbox, StepOutcome } from '../sandbox/flow-sandbox.ts';
import { renderSpeech } from '../speech/render-speech.ts';
import type { SpeechLang } from '../speech/speech-language.ts';
import { type AnswerCheck, checkAnswer, type Question } from './answer-check.ts';

/** Commands run between two questions before the script is taken for a loop. */
const MAX_COMMANDS_BETWEEN_QUESTIONS = 500;

export interface ScriptQuestion {
  name: string;
  text: string;
  answerType: Question['answerType'];
  options: { key: string; label: string }[];
  min: number | null;
  max: number | null;
}

export type ScriptLine =
  | { kind: 'say'; text: string }
  | { kind: 'question'; question: ScriptQuestion; answered: boolean; answer: Json };

export interface ScriptView {
  lines: ScriptLine[];
  /** The question waiting for the customer's answer; null when the script is done. */
  current: ScriptQuestion | null;
  done: boolean;
  /** Why the script stopped early (a failing step), for the operator to see. */
  error: string | null;
}

export type ScriptAnswer =
  | { ok: true; view: ScriptView }
  | { ok: false; code: 'no-question' | 'not-current'; current: string | null }
  | { ok: false; code: 'bad-answer'; question: string; expected: string };

export interface SurveyScriptDeps {
  sandbox: FlowSandbox;
  lang: SpeechLang;
  /** Time as the flow sees it, now. */
  clock: () => FlowClock;
  promptText?: (name: string) => string | undefined;
}

export class SurveyScript {
  private readonly lines: ScriptLine[] = [];
  private stateText: string | null = null;
  private pending: { command: Question; line: ScriptLine & { kind: 'question' } } | null = null;
  private finished = false;
  private failure: string | null = null;

  constructor(private readonly deps: SurveyScriptDeps) {}

  /** Runs the survey up to its first question. */
  start(call: CallInfo): ScriptView {
    this.run(this.deps.sandbox.start({ call, clock: this.deps.clock() }));
    return this.view();
  }

  /** The answer to the current question (checked against its type); the script runs on to the next. */
  answer(question: string, value: unknown): ScriptAnswer {
    const pending = this.pending;
    if (!pending) return { ok: false, code: 'no-question', current: null };
    if (pending.command.name !== question) {
      return { ok: false, code: 'not-current', current: pending.command.name };
    }
    const checked: AnswerCheck = checkAnswer(pending.command, value);
    if (!checked.ok) return { ok: false, code: 'bad-answer', question, expected: checked.expected };
    pending.line.answered = true;
    pending.line.answer = checked.value;
    this.pending = null;
    this.step({ type: 'answer', value: checked.value, clock: this.deps.clock() });
    return { ok: true, view: this.view() };
  }

  view(): ScriptView {
    return {
      lines: structuredClone(this.lines),
      current: this.pending ? this.pending.line.question : null,
      done: this.finished,
      error: this.failure,
    };
  }

  get done(): boolean {
    return this.finished;
  }

  /** The answers given so far, in order. */
  answers(): { question: string; value: Json }[] {
    return this.lines.flatMap((line) =>
      line.kind === 'question' && line.answered ? [{ question: line.question.name, value: line.answer }] : [],
    );
  }

  private step(input: StepInput): void {
    if (this.stateText === null) return;
    this.run(this.deps.sandbox.step(this.stateText, input));
  }

  private run(first: StepOutcome): void {
    let outcome = first;
    for (let n = 0; n < MAX_COMMANDS_BETWEEN_QUESTIONS; n++) {
      if (!outcome.ok) {
        this.stop(outcome.error.message);
        return;
      }
      const { command, stateText } = outcome.result;
      this.stateText = stateText;
      const clock = this.deps.clock();
      switch (command.type) {
        case 'say':
          this.lines.push({ kind: 'say', text: this.text(command.parts) });
          outcome = this.deps.sandbox.step(stateText, { type: 'played', clock });
          break;
        case 'question': {
          const line = {
            kind: 'question' as const,
            question: {
              name: command.name,
              text: this.text(command.text),
              answerType: command.answerType,
              options: command.options.map((o) => ({ ...o })),
              min: command.min,
              max: command.max,
            },
            answered: false,
            answer: null,
          };
          this.lines.push(line);
          this.pending = { command, line };
          return;
        }
        case 'log':
        case 'record':
          outcome = this.deps.sandbox.step(stateText, { type: 'ok', clock });
          break;
        case 'collect':
          outcome = this.deps.sandbox.step(stateText, { type: 'timeout', clock });
          break;
        case 'data':
          outcome = this.deps.sandbox.step(stateText, {
            type: 'data',
            ok: false,
            error: 'failed',
            message: 'data operations do not run in an operator script',
            clock,
          });
          break;
        case 'queue':
          outcome = this.deps.sandbox.step(stateText, { type: 'queue', outcome: 'no-operators', clock });
          break;
        case 'transfer':
        case 'hangup':
          this.finished = true;
          return;
      }
    }
    this.stop(`the survey ran ${MAX_COMMANDS_BETWEEN_QUESTIONS} commands without a question`);
  }

  private stop(message: string): void {
    this.finished = true;
    this.failure = message;
    this.pending = null;
  }

  private text(parts: Parameters<typeof renderSpeech>[0]): string {
    try {
      return renderSpeech(parts, this.deps.lang, { style: 'display', promptText: this.deps.promptText });
    } catch {
      return parts.map((p) => (p.kind === 'text' ? p.text : '…')).join('');
    }
  }
}
