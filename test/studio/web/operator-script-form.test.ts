/** The operator console's answer form: what the operator typed in, the value sent out. */
import { describe, expect, it } from 'vitest';
import {
  answerText,
  entryValue,
  keyedLines,
  type ScriptQuestion,
} from '../../../studio/web/src/operator/script-form.ts';

const question = (
  answerType: ScriptQuestion['answerType'],
  extra: Partial<ScriptQuestion> = {},
): ScriptQuestion => ({
  name: 'q',
  text: 'Вопрос?',
  answerType,
  options: [],
  min: null,
  max: null,
  ...extra,
});

const words = { yes: 'Да', no: 'Нет', none: 'Без ответа' };

describe('operator answer form', () => {
  it('numbers: decimal comma accepted, bounds checked before sending', () => {
    const score = question('number', { min: 1, max: 5 });
    expect(entryValue(score, ' 4 ')).toEqual({ ok: true, value: 4 });
    expect(entryValue(score, '2,5')).toEqual({ ok: true, value: 2.5 });
    expect(entryValue(score, '7')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(entryValue(score, 'пять')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(entryValue(score, '')).toEqual({ ok: false, reason: 'empty' });
  });

  it('text: trimmed, never empty', () => {
    expect(entryValue(question('text'), '  Телевидение ')).toEqual({ ok: true, value: 'Телевидение' });
    expect(entryValue(question('text'), '   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('answers are shown back in words', () => {
    expect(answerText(question('yesno'), 'yes', words)).toBe('Да');
    expect(answerText(question('yesno'), null, words)).toBe('Без ответа');
    const source = question('choice', { options: [{ key: '1', label: 'Реклама' }] });
    expect(answerText(source, '1', words)).toBe('Реклама');
    expect(answerText(question('number'), 4, words)).toBe('4');
  });

  it('lines keep their keys as the script grows, repeated lines included', () => {
    const say = { kind: 'say' as const, text: 'Здравствуйте.' };
    const ask = { kind: 'question' as const, question: question('yesno'), answered: false, answer: null };
    const before = keyedLines([say, ask]).map((l) => l.key);
    const after = keyedLines([say, ask, say, ask]).map((l) => l.key);
    expect(after.slice(0, 2)).toEqual(before);
    expect(new Set(after).size).toBe(4);
  });
});
