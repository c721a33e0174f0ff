/**
 * Phrase tables: a speech part in, the transcript (display) and the synthesizer's text (spoken) out.
 * Shared by the per-language table tests.
 */
import { expect, it } from 'vitest';
import type { SpeechPart } from '../../../language/compiled-format.ts';
import { renderSpeech } from '../../../runtime/speech/render-speech.ts';
import type { SpeechLang } from '../../../runtime/speech/speech-language.ts';

export interface PhraseRow {
  input: SpeechPart;
  /** For `{ewt}` rows: the estimate in minutes. */
  ewtMinutes?: number;
  display: string;
  spoken: string;
}

export const num = (value: number): SpeechPart => ({ kind: 'number', value });
export const money = (amount: number, currency = 'UAH'): SpeechPart => ({ kind: 'money', amount, currency });
export const date = (value: string): SpeechPart => ({ kind: 'date', value });
export const time = (value: string): SpeechPart => ({ kind: 'time', value });
export const digits = (value: string): SpeechPart => ({ kind: 'digits', value });

export function row(input: SpeechPart, display: string, spoken: string): PhraseRow {
  return { input, display, spoken };
}

export function ewtRow(minutes: number, display: string, spoken: string): PhraseRow {
  return { input: { kind: 'ewt' }, ewtMinutes: minutes, display, spoken };
}

/** One test per row, named after the input, checking both styles. */
export function checkPhraseTable(lang: SpeechLang, rows: PhraseRow[]): void {
  it.each(rows.map((r) => [describeInput(r), r] as const))('%s', (_name, r) => {
    const ctx = { ewtMinutes: r.ewtMinutes };
    expect({
      display: renderSpeech([r.input], lang, { ...ctx, style: 'display' }),
      spoken: renderSpeech([r.input], lang, { ...ctx, style: 'spoken' }),
    }).toEqual({ display: r.display, spoken: r.spoken });
  });
}

function describeInput(r: PhraseRow): string {
  const { kind, ...rest } = r.input as { kind: string } & Record<string, unknown>;
  if (kind === 'ewt') return `ewt ${r.ewtMinutes} → ${r.spoken}`;
  return `${kind} ${Object.values(rest).join(' ')} → ${r.spoken}`;
}
