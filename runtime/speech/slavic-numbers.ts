/**
 * Number words for Russian and Ukrainian: one algorithm, a lexicon per language
 * (number-words-ru.ts, number-words-uk.ts). Cardinals agree in gender (одна гривна / один доллар),
 * scale words agree in number (тысяча / тысячи / тысяч), decimals are read the school way
 * («две целых пять десятых»), and the two ordinal forms dates need are built: the neuter nominative
 * of the day («двадцать третье») and the masculine genitive of the year («две тысячи двадцать шестого»).
 */
import { SpeechError } from './speech-error.ts';
import { agree, type Gender, MAX_SPOKEN_INTEGER, type NounForms } from './speech-language.ts';

/** `nom-neut`: «третье (ноября)»; `gen-masc`: «(две тысячи) двадцать шестого (года)». */
export type OrdinalForm = 'nom-neut' | 'gen-masc';

export interface SlavicLexicon {
  lang: 'ru' | 'uk';
  zero: string;
  minus: string;
  one: Record<Gender, string>;
  two: Record<Gender, string>;
  /** 3..9 at indexes 3..9. */
  units: string[];
  /** 10..19 at indexes 0..9. */
  teens: string[];
  /** 20..90 at indexes 2..9. */
  tens: string[];
  /** 100..900 at indexes 1..9. */
  hundreds: string[];
  /** thousand, million, billion, trillion. */
  scales: NounForms[];
  /** «целая/целых», and the denominators by number of fraction digits (десятая/десятых …). */
  whole: NounForms;
  denominators: NounForms[];
  ordinal: {
    /** Stems for 1..9 (index 0 unused), 10..19, 20..90, 100..900, 1000..9000. */
    units: string[];
    teens: string[];
    tens: string[];
    hundreds: string[];
    thousands: string[];
    endings: Record<OrdinalForm, string>;
    /** «третий» is soft: its own endings. */
    thirdEndings: Record<OrdinalForm, string>;
  };
}

/** Cardinal words of an integer, agreeing with a noun of `gender`. */
export function slavicCardinal(lex: SlavicLexicon, n: number, gender: Gender = 'masc'): string {
  assertSpeakableInteger(n);
  if (n < 0) return `${lex.minus} ${slavicCardinal(lex, -n, gender)}`;
  if (n === 0) return lex.zero;
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let scale = groups.length - 1; scale >= 0; scale--) {
    const group = groups[scale];
    if (group === 0) continue;
    if (scale === 0) {
      words.push(...triple(lex, group, gender));
      continue;
    }
    const noun = lex.scales[scale - 1];
    // «тысяча двести», not «одна тысяча двести»: a leading lone thousand drops its «одна».
    const leadingThousand = scale === 1 && group === 1 && scale === groups.length - 1;
    if (!leadingThousand) words.push(...triple(lex, group, noun.gender));
    words.push(agree(lex.lang, group, noun));
  }
  return words.join(' ');
}

/** Any finite number: integers as cardinals, decimals (up to 3 fraction digits) as fractions. */
export function slavicNumber(lex: SlavicLexicon, value: number, gender: Gender = 'masc'): string {
  if (!Number.isFinite(value)) throw new SpeechError(`cannot speak the number ${value}`);
  const [intText, fracText = ''] = Math.abs(value)
    .toFixed(3)
    .replace(/\.?0+$/, '')
    .split('.');
  const whole = Number(intText);
  const sign = value < 0 && (whole > 0 || fracText !== '') ? `${lex.minus} ` : '';
  if (fracText === '') return sign + slavicCardinal(lex, whole, gender);
  const numerator = Number(fracText);
  const denominator = lex.denominators[fracText.length - 1];
  return (
    sign +
    `${slavicCardinal(lex, whole, 'fem')} ${agree(lex.lang, whole, lex.whole)} ` +
    `${slavicCardinal(lex, numerator, 'fem')} ${agree(lex.lang, numerator, denominator)}`
  );
}

/** Ordinal words of 1..9999 (days and years): the last word is the ordinal, the rest cardinal. */
export function slavicOrdinal(lex: SlavicLexicon, n: number, form: OrdinalForm): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new SpeechError(`cannot speak the ordinal ${n}`);
  const o = lex.ordinal;
  const ending = (stem: string, third = false) => stem + (third ? o.thirdEndings[form] : o.endings[form]);
  const withPrefix = (prefixValue: number, last: string) =>
    prefixValue > 0 ? `${slavicCardinal(lex, prefixValue)} ${last}` : last;
  const belowThousand = n % 1000;
  if (belowThousand === 0) return ending(o.thousands[n / 1000]);
  const belowHundred = n % 100;
  if (belowHundred === 0) return withPrefix(n - belowThousand, ending(o.hundreds[belowThousand / 100]));
  if (belowHundred < 10)
    return withPrefix(n - belowHundred, ending(o.units[belowHundred], belowHundred === 3));
  if (belowHundred < 20) return withPrefix(n - belowHundred, ending(o.teens[belowHundred - 10]));
  const unit = belowHundred % 10;
  if (unit === 0) return withPrefix(n - belowHundred, ending(o.tens[belowHundred / 10]));
  return withPrefix(n - unit, ending(o.units[unit], unit === 3));
}

function triple(lex: SlavicLexicon, n: number, gender: Gender): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(lex.hundreds[hundreds]);
  if (rest >= 10 && rest < 20) {
    words.push(lex.teens[rest - 10]);
    return words;
  }
  const tens = Math.floor(rest / 10);
  const unit = rest % 10;
  if (tens > 0) words.push(lex.tens[tens]);
  if (unit === 1) words.push(lex.one[gender]);
  else if (unit === 2) words.push(lex.two[gender]);
  else if (unit > 2) words.push(lex.units[unit]);
  return words;
}

function assertSpeakableInteger(n: number): void {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_SPOKEN_INTEGER) {
    throw new SpeechError(`cannot speak the integer ${n}`);
  }
}
