/** Russian number words: cardinals in three genders, decimals, and the ordinals dates need. */
import {
  type OrdinalForm,
  type SlavicLexicon,
  slavicCardinal,
  slavicNumber,
  slavicOrdinal,
} from './slavic-numbers.ts';
import { type Gender, slavicNoun } from './speech-language.ts';

export const RU: SlavicLexicon = {
  lang: 'ru',
  zero: 'ноль',
  minus: 'минус',
  one: { masc: 'один', fem: 'одна', neut: 'одно' },
  two: { masc: 'два', fem: 'две', neut: 'два' },
  units: ['', '', '', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  teens: [
    'десять',
    'одиннадцать',
    'двенадцать',
    'тринадцать',
    'четырнадцать',
    'пятнадцать',
    'шестнадцать',
    'семнадцать',
    'восемнадцать',
    'девятнадцать',
  ],
  tens: [
    '',
    '',
    'двадцать',
    'тридцать',
    'сорок',
    'пятьдесят',
    'шестьдесят',
    'семьдесят',
    'восемьдесят',
    'девяносто',
  ],
  hundreds: [
    '',
    'сто',
    'двести',
    'триста',
    'четыреста',
    'пятьсот',
    'шестьсот',
    'семьсот',
    'восемьсот',
    'девятьсот',
  ],
  scales: [
    slavicNoun('fem', 'тысяча', 'тысячи', 'тысяч'),
    slavicNoun('masc', 'миллион', 'миллиона', 'миллионов'),
    slavicNoun('masc', 'миллиард', 'миллиарда', 'миллиардов'),
    slavicNoun('masc', 'триллион', 'триллиона', 'триллионов'),
  ],
  whole: slavicNoun('fem', 'целая', 'целых', 'целых'),
  denominators: [
    slavicNoun('fem', 'десятая', 'десятых', 'десятых'),
    slavicNoun('fem', 'сотая', 'сотых', 'сотых'),
    slavicNoun('fem', 'тысячная', 'тысячных', 'тысячных'),
  ],
  ordinal: {
    units: ['', 'перв', 'втор', 'трет', 'четвёрт', 'пят', 'шест', 'седьм', 'восьм', 'девят'],
    teens: [
      'десят',
      'одиннадцат',
      'двенадцат',
      'тринадцат',
      'четырнадцат',
      'пятнадцат',
      'шестнадцат',
      'семнадцат',
      'восемнадцат',
      'девятнадцат',
    ],
    tens: [
      '',
      '',
      'двадцат',
      'тридцат',
      'сороков',
      'пятидесят',
      'шестидесят',
      'семидесят',
      'восьмидесят',
      'девяност',
    ],
    hundreds: [
      '',
      'сот',
      'двухсот',
      'трёхсот',
      'четырёхсот',
      'пятисот',
      'шестисот',
      'семисот',
      'восьмисот',
      'девятисот',
    ],
    thousands: [
      '',
      'тысячн',
      'двухтысячн',
      'трёхтысячн',
      'четырёхтысячн',
      'пятитысячн',
      'шеститысячн',
      'семитысячн',
      'восьмитысячн',
      'девятитысячн',
    ],
    endings: { 'nom-neut': 'ое', 'gen-masc': 'ого' },
    thirdEndings: { 'nom-neut': 'ье', 'gen-masc': 'ьего' },
  },
};

/** 21 → «двадцать один»; with 'fem' → «двадцать одна». */
export function cardinalRu(n: number, gender: Gender = 'masc'): string {
  return slavicCardinal(RU, n, gender);
}

/** 2.5 → «две целых пять десятых»; -3 → «минус три». */
export function numberRu(value: number, gender: Gender = 'masc'): string {
  return slavicNumber(RU, value, gender);
}

/** 23, 'nom-neut' → «двадцать третье»; 2026, 'gen-masc' → «две тысячи двадцать шестого». */
export function ordinalRu(n: number, form: OrdinalForm): string {
  return slavicOrdinal(RU, n, form);
}
