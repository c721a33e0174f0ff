/**
 * Dates: ru «23 ноября 2026 года» / «двадцать третье ноября две тысячи двадцать шестого года»,
 * uk «23 листопада 2026 року» / «двадцять третє листопада дві тисячі двадцять шостого року»,
 * en «November 23, 2026» / «November twenty-third, twenty twenty-six».
 * The value is an ISO date (YYYY-MM-DD) or an ISO date-time, whose date part is taken as written
 * (the host already converted it to the flow's time zone).
 */
import { ordinalEn, yearEn } from './number-words-en.ts';
import { ordinalRu } from './number-words-ru.ts';
import { ordinalUk } from './number-words-uk.ts';
import { SpeechError } from './speech-error.ts';
import type { SpeechLang, SpeechStyle } from './speech-language.ts';

/** Month names in the genitive («23 ноября»), as the day-month phrase needs. */
const MONTHS: Record<SpeechLang, string[]> = {
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  uk: [
    'січня',
    'лютого',
    'березня',
    'квітня',
    'травня',
    'червня',
    'липня',
    'серпня',
    'вересня',
    'жовтня',
    'листопада',
    'грудня',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses `YYYY-MM-DD` (optionally followed by a time); throws SpeechError on anything else. */
export function parseSpeechDate(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(String(value).trim());
  if (!match) throw new SpeechError(`cannot speak the date "${value}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    throw new SpeechError(`cannot speak the date "${value}"`);
  }
  return { year, month, day };
}

export function renderDate(value: string, lang: SpeechLang, style: SpeechStyle): string {
  const { year, month, day } = parseSpeechDate(value);
  const monthName = MONTHS[lang][month - 1];
  const spoken = style === 'spoken';
  if (lang === 'en') {
    return spoken ? `${monthName} ${ordinalEn(day)}, ${yearEn(year)}` : `${monthName} ${day}, ${year}`;
  }
  const ordinal = lang === 'ru' ? ordinalRu : ordinalUk;
  const yearWord = lang === 'ru' ? 'года' : 'року';
  if (!spoken) return `${day} ${monthName} ${year} ${yearWord}`;
  return `${ordinal(day, 'nom-neut')} ${monthName} ${ordinal(year, 'gen-masc')} ${yearWord}`;
}
