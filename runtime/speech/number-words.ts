/**
 * Numbers in either style and any language: words for the synthesizer, digits for the transcript.
 * The per-language word lists live in number-words-ru/uk/en.ts.
 */
import { cardinalEn, numberEn } from './number-words-en.ts';
import { cardinalRu, numberRu } from './number-words-ru.ts';
import { cardinalUk, numberUk } from './number-words-uk.ts';
import { SpeechError } from './speech-error.ts';
import type { Gender, SpeechLang, SpeechStyle } from './speech-language.ts';

/** Integer words agreeing with a noun of `gender` (English ignores gender). */
export function cardinalWords(n: number, lang: SpeechLang, gender: Gender = 'masc'): string {
  if (lang === 'ru') return cardinalRu(n, gender);
  if (lang === 'uk') return cardinalUk(n, gender);
  return cardinalEn(n);
}

/** Any finite number in words (decimals up to 3 fraction digits). */
export function numberWords(value: number, lang: SpeechLang, gender: Gender = 'masc'): string {
  if (lang === 'ru') return numberRu(value, gender);
  if (lang === 'uk') return numberUk(value, gender);
  return numberEn(value);
}

/**
 * Digits as a reader expects them: ru/uk «21 000», «2,5» (four-digit numbers stay unsplit, as
 * Russian and Ukrainian typography does: «5000»); en «21,000», «2.5». Plain spaces, not NBSP,
 * so transcripts compare and copy easily.
 */
export function formatNumber(value: number, lang: SpeechLang): string {
  if (!Number.isFinite(value)) throw new SpeechError(`cannot show the number ${value}`);
  const [intText, fracText = ''] = Math.abs(value)
    .toFixed(3)
    .replace(/\.?0+$/, '')
    .split('.');
  const sign = value < 0 && (Number(intText) > 0 || fracText !== '') ? '-' : '';
  const slavic = lang !== 'en';
  const grouped =
    slavic && intText.length <= 4 ? intText : intText.replace(/\B(?=(\d{3})+$)/g, slavic ? ' ' : ',');
  return sign + grouped + (fracText ? (slavic ? ',' : '.') + fracText : '');
}

/** A number in the given style: words when spoken, digits when displayed. */
export function renderNumber(
  value: number,
  lang: SpeechLang,
  style: SpeechStyle,
  gender: Gender = 'masc',
): string {
  return style === 'spoken' ? numberWords(value, lang, gender) : formatNumber(value, lang);
}
