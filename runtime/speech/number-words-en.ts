/**
 * English number words (American style: no «and» inside numbers, hyphenated tens:
 * 1234 → «one thousand two hundred thirty-four»), decimals read digit by digit after «point»,
 * ordinals, and years read the way people say them («twenty twenty-six», «two thousand five»).
 */
import { SpeechError } from './speech-error.ts';
import { MAX_SPOKEN_INTEGER } from './speech-language.ts';

const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];
const ORDINAL_IRREGULAR: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** 21 → «twenty-one»; -5 → «minus five». */
export function cardinalEn(n: number): string {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_SPOKEN_INTEGER) {
    throw new SpeechError(`cannot speak the integer ${n}`);
  }
  if (n < 0) return `minus ${cardinalEn(-n)}`;
  if (n === 0) return 'zero';
  const words: string[] = [];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  for (let scale = groups.length - 1; scale >= 0; scale--) {
    if (groups[scale] === 0) continue;
    words.push(belowThousand(groups[scale]));
    if (scale > 0) words.push(SCALES[scale]);
  }
  return words.join(' ');
}

/** 2.5 → «two point five»; 0.25 → «zero point two five» (at most 3 fraction digits). */
export function numberEn(value: number): string {
  if (!Number.isFinite(value)) throw new SpeechError(`cannot speak the number ${value}`);
  const [intText, fracText = ''] = Math.abs(value)
    .toFixed(3)
    .replace(/\.?0+$/, '')
    .split('.');
  const sign = value < 0 && (Number(intText) > 0 || fracText !== '') ? 'minus ' : '';
  const whole = cardinalEn(Number(intText));
  if (fracText === '') return sign + whole;
  return `${sign}${whole} point ${[...fracText].map((d) => SMALL[Number(d)]).join(' ')}`;
}

/** 23 → «twenty-third». */
export function ordinalEn(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new SpeechError(`cannot speak the ordinal ${n}`);
  const words = cardinalEn(n);
  // Only the last word (after a space or hyphen) becomes ordinal: «twenty-one» → «twenty-first».
  const match = /^(.*?)([a-z]+)$/.exec(words)!;
  const last = match[2];
  const ordinal = ORDINAL_IRREGULAR[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return match[1] + ordinal;
}

/** 2026 → «twenty twenty-six»; 2005 → «two thousand five»; 1900 → «nineteen hundred»; 1905 → «nineteen oh five». */
export function yearEn(year: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999)
    throw new SpeechError(`cannot speak the year ${year}`);
  if (year < 1000 || year % 1000 < 10) return cardinalEn(year);
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (low === 0) return `${cardinalEn(high)} hundred`;
  if (low < 10) return `${cardinalEn(high)} oh ${SMALL[low]}`;
  return `${cardinalEn(high)} ${cardinalEn(low)}`;
}

function belowThousand(n: number): string {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(`${SMALL[hundreds]} hundred`);
  if (rest > 0 && rest < 20) words.push(SMALL[rest]);
  else if (rest >= 20)
    words.push(rest % 10 === 0 ? TENS[rest / 10] : `${TENS[Math.floor(rest / 10)]}-${SMALL[rest % 10]}`);
  return words.join(' ');
}
