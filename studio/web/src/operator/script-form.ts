/**
 * The operator console's survey script as data (the server's `/me/survey-call` view) and the small
 * decisions the form makes: what an entered answer becomes before it is sent, and how an answer is
 * shown back. Pure, so the rules are tested without a browser.
 */

export type AnswerType = 'yesno' | 'choice' | 'number' | 'text';

export interface ScriptQuestion {
  name: string;
  text: string;
  answerType: AnswerType;
  options: { key: string; label: string }[];
  min: number | null;
  max: number | null;
}

export type ScriptLine =
  | { kind: 'say'; text: string }
  | { kind: 'question'; question: ScriptQuestion; answered: boolean; answer: unknown };

export interface SurveyCallView {
  callId: string;
  campaign: { id: string; name: string };
  number: string;
  answeredAt: string;
  endedAt: string | null;
  customer: {
    id: string;
    name: string;
    phone: string;
    vip: boolean;
    card: Record<string, unknown>;
  } | null;
  script: { lines: ScriptLine[]; current: ScriptQuestion | null; done: boolean; error: string | null } | null;
}

export type Entry =
  | { ok: true; value: string | number | null }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'out-of-range' };

/** What the operator typed for a number or text question, as the value to send. */
export function entryValue(question: ScriptQuestion, typed: string): Entry {
  const text = typed.trim();
  if (question.answerType === 'text')
    return text === '' ? { ok: false, reason: 'empty' } : { ok: true, value: text };
  if (question.answerType !== 'number') return { ok: true, value: text };
  if (text === '') return { ok: false, reason: 'empty' };
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n)) return { ok: false, reason: 'not-a-number' };
  if ((question.min !== null && n < question.min) || (question.max !== null && n > question.max))
    return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: n };
}

/** An answer as the script shows it back: yes/no and choices in words, no answer as a dash. */
export function answerText(
  question: ScriptQuestion,
  answer: unknown,
  words: { yes: string; no: string; none: string },
): string {
  if (answer === null || answer === undefined) return words.none;
  if (question.answerType === 'yesno')
    return answer === 'yes' ? words.yes : answer === 'no' ? words.no : String(answer);
  if (question.answerType === 'choice') {
    return question.options.find((o) => o.key === answer)?.label ?? String(answer);
  }
  return String(answer);
}

/**
 * Lines with keys that stay the same as the script grows (it only ever appends): what a line says
 * or asks, and how many times it came before.
 */
export function keyedLines(lines: ScriptLine[]): { key: string; line: ScriptLine }[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const base = line.kind === 'say' ? `say:${line.text}` : `question:${line.question.name}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}#${n}`, line };
  });
}
