/**
 * An operator's answer to a survey question, checked against the question's type before it enters
 * the flow: yes/no as `yes`/`no` (the keypad survey's values), a choice by its key, a number within
 * the question's bounds, free text. `null` is "no answer" (the customer declined), as on the keypad.
 */
import type { Command, Json } from '../../language/compiled-format.ts';

export type Question = Extract<Command, { type: 'question' }>;

export const MAX_TEXT_ANSWER = 2_000;

export type AnswerCheck = { ok: true; value: Json } | { ok: false; expected: string };

const YES = new Set(['yes', 'y', 'да', 'так', 'true', '1']);
const NO = new Set(['no', 'n', 'нет', 'ні', 'false', '2']);

export function checkAnswer(question: Question, value: unknown): AnswerCheck {
  if (value === null) return { ok: true, value: null };
  switch (question.answerType) {
    case 'yesno': {
      const text = typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : '';
      const key = text.trim().toLowerCase();
      if (YES.has(key)) return { ok: true, value: 'yes' };
      if (NO.has(key)) return { ok: true, value: 'no' };
      return { ok: false, expected: 'yes or no' };
    }
    case 'choice': {
      const key = String(value).trim();
      const keys = question.options.map((o) => o.key);
      return keys.includes(key)
        ? { ok: true, value: key }
        : { ok: false, expected: `one of ${keys.join(', ')}` };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      const inRange =
        Number.isFinite(n) &&
        (question.min === null || n >= question.min) &&
        (question.max === null || n <= question.max);
      if (inRange) return { ok: true, value: n };
      const bounds = `${question.min ?? '…'}..${question.max ?? '…'}`;
      return { ok: false, expected: `a number in ${bounds}` };
    }
    case 'text': {
      if (typeof value !== 'string' || value.length > MAX_TEXT_ANSWER)
        return { ok: false, expected: `text of at most ${MAX_TEXT_ANSWER} characters` };
      return { ok: true, value: value.trim() };
    }
  }
}
