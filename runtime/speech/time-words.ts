/**
 * Clock times: ru «10 часов 5 минут» / «десять часов пять минут», uk «10 годин 5 хвилин» /
 * «десять годин п'ять хвилин», en «10:05 AM» / «ten oh five AM». Whole hours drop the minutes
 * («10 часов», «ten AM»). The value is `HH:MM`,
 * `HH:MM:SS`, or an ISO date-time whose time part is taken as written (already local).
 */

import { renderNumber } from './number-words.ts';
import { cardinalEn } from './number-words-en.ts';
import { SpeechError } from './speech-error.ts';
import { agree, type NounForms, type SpeechLang, type SpeechStyle, slavicNoun } from './speech-language.ts';

const HOURS: Record<'ru' | 'uk', NounForms> = {
  ru: slavicNoun('masc', 'час', 'часа', 'часов'),
  uk: slavicNoun('fem', 'година', 'години', 'годин'),
};

/** Minutes after a number; also used for wait times (wait-time.ts). */
export const MINUTES: Record<'ru' | 'uk', NounForms> = {
  ru: slavicNoun('fem', 'минута', 'минуты', 'минут'),
  uk: slavicNoun('fem', 'хвилина', 'хвилини', 'хвилин'),
};

export interface ClockTime {
  hour: number;
  minute: number;
}

export function parseSpeechTime(value: string): ClockTime {
  const match =
    /^(?:\d{4}-\d{2}-\d{2}[T ])?(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
      String(value).trim(),
    );
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw new SpeechError(`cannot speak the time "${value}"`);
  return { hour, minute };
}

export function renderTime(value: string, lang: SpeechLang, style: SpeechStyle): string {
  const { hour, minute } = parseSpeechTime(value);
  if (lang === 'en') return renderTimeEn(hour, minute, style);
  const hours = `${renderNumber(hour, lang, style, HOURS[lang].gender)} ${agree(lang, hour, HOURS[lang])}`;
  if (minute === 0) return hours;
  return `${hours} ${renderNumber(minute, lang, style, 'fem')} ${agree(lang, minute, MINUTES[lang])}`;
}

/** 12-hour clock, as English speakers say times: 14:30 → «2:30 PM» / «two thirty PM». */
function renderTimeEn(hour: number, minute: number, style: SpeechStyle): string {
  const suffix = hour < 12 ? 'AM' : 'PM';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  if (style === 'display') return `${h12}:${String(minute).padStart(2, '0')} ${suffix}`;
  if (minute === 0) return `${cardinalEn(h12)} ${suffix}`;
  const minutes = minute < 10 ? `oh ${cardinalEn(minute)}` : cardinalEn(minute);
  return `${cardinalEn(h12)} ${minutes} ${suffix}`;
}
