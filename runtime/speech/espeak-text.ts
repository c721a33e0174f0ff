/**
 * Text adjustments espeak-ng needs, applied just before synthesis (never to what is displayed).
 *
 * Ukrainian apostrophes: espeak-ng reads the typographic ones (U+02BC «пʼять», U+2019 «п’ять») as
 * names of characters, and even the ASCII one inserts a pause after the word («п'ять гривень»
 * is ~110 ms longer than «пять гривень»). Its Ukrainian rules already keep the consonant hard before
 * я/ю/є/ї («пять» → [pjatʲ], «мясо» → [mjaso]), so dropping an apostrophe between letters changes
 * nothing but the pause.
 */
import type { SpeechLang } from './speech-language.ts';

const APOSTROPHE_IN_WORD = /(?<=\p{L})['’ʼ](?=\p{L})/gu;

export function textForEspeak(text: string, lang: SpeechLang): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return lang === 'uk' ? oneLine.replace(APOSTROPHE_IN_WORD, '') : oneLine;
}
