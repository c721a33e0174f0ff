/**
 * Estimated wait time in minutes, as a queue announcement says it. The ACD's estimate is rounded
 * to what a person would say: half minutes below three minutes (0.5, 1, 1.5, 2, 2.5), whole minutes
 * from there on; never below half a minute (a caller who is told «0 minutes» and then waits feels
 * lied to). Spoken forms use the natural fractions: «полминуты», «полторы минуты»,
 * «две с половиной минуты» (uk «пів хвилини», «півтори хвилини»; en «half a minute»,
 * «one and a half minutes»); the display shows digits: «0,5 минуты», «1,5 минуты», «5 минут».
 */
import { cardinalWords, formatNumber } from './number-words.ts';
import { SpeechError } from './speech-error.ts';
import { agree, englishNoun, type NounForms, type SpeechLang, type SpeechStyle } from './speech-language.ts';
import { MINUTES } from './time-words.ts';

const MINUTE_NOUN: Record<SpeechLang, NounForms> = { ...MINUTES, en: englishNoun('minute', 'minutes') };

const HALF: Record<SpeechLang, string> = { ru: 'полминуты', uk: 'пів хвилини', en: 'half a minute' };
const ONE_AND_HALF: Record<SpeechLang, string> = {
  ru: 'полторы минуты',
  uk: 'півтори хвилини',
  en: 'one and a half minutes',
};
/** «две с половиной минуты»: N + this + the fraction form of the noun. */
const AND_A_HALF: Record<SpeechLang, string> = { ru: 'с половиной', uk: 'з половиною', en: 'and a half' };

export function roundWaitMinutes(minutes: number): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new SpeechError(`cannot speak the wait time ${minutes}`);
  }
  const halves = Math.max(0.5, Math.round(minutes * 2) / 2);
  return halves < 3 ? halves : Math.round(minutes);
}

export function renderWaitTime(minutes: number, lang: SpeechLang, style: SpeechStyle): string {
  const m = roundWaitMinutes(minutes);
  const noun = MINUTE_NOUN[lang];
  if (style === 'display') return `${formatNumber(m, lang)} ${agree(lang, m, noun)}`;
  if (m === 0.5) return HALF[lang];
  if (m === 1.5) return ONE_AND_HALF[lang];
  const whole = Math.floor(m);
  if (m !== whole)
    return `${cardinalWords(whole, lang, noun.gender)} ${AND_A_HALF[lang]} ${agree(lang, m, noun)}`;
  return `${cardinalWords(m, lang, noun.gender)} ${agree(lang, m, noun)}`;
}
