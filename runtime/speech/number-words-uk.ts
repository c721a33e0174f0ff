/** Ukrainian number words: cardinals in three genders, decimals, and the ordinals dates need. */
import {
  type OrdinalForm,
  type SlavicLexicon,
  slavicCardinal,
  slavicNumber,
  slavicOrdinal,
} from './slavic-numbers.ts';
import { type Gender, slavicNoun } from './speech-language.ts';

// Apostrophes are the ASCII ' (what espeak-ng's Ukrainian rules expect; see espeak-text.ts).
export const UK: SlavicLexicon = {
  lang: 'uk',
  zero: 'нуль',
  minus: 'мінус',
  one: { masc: 'один', fem: 'одна', neut: 'одне' },
  two: { masc: 'два', fem: 'дві', neut: 'два' },
  units: ['', '', '', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"],
  teens: [
    'десять',
    'одинадцять',
    'дванадцять',
    'тринадцять',
    'чотирнадцять',
    "п'ятнадцять",
    'шістнадцять',
    'сімнадцять',
    'вісімнадцять',
    "дев'ятнадцять",
  ],
  tens: [
    '',
    '',
    'двадцять',
    'тридцять',
    'сорок',
    "п'ятдесят",
    'шістдесят',
    'сімдесят',
    'вісімдесят',
    "дев'яносто",
  ],
  hundreds: [
    '',
    'сто',
    'двісті',
    'триста',
    'чотириста',
    "п'ятсот",
    'шістсот',
    'сімсот',
    'вісімсот',
    "дев'ятсот",
  ],
  scales: [
    slavicNoun('fem', 'тисяча', 'тисячі', 'тисяч', 'тисячі'),
    slavicNoun('masc', 'мільйон', 'мільйони', 'мільйонів', 'мільйона'),
    slavicNoun('masc', 'мільярд', 'мільярди', 'мільярдів', 'мільярда'),
    slavicNoun('masc', 'трильйон', 'трильйони', 'трильйонів', 'трильйона'),
  ],
  whole: slavicNoun('fem', 'ціла', 'цілих', 'цілих'),
  denominators: [
    slavicNoun('fem', 'десята', 'десятих', 'десятих'),
    slavicNoun('fem', 'сота', 'сотих', 'сотих'),
    slavicNoun('fem', 'тисячна', 'тисячних', 'тисячних'),
  ],
  ordinal: {
    units: ['', 'перш', 'друг', 'трет', 'четверт', "п'ят", 'шост', 'сьом', 'восьм', "дев'ят"],
    teens: [
      'десят',
      'одинадцят',
      'дванадцят',
      'тринадцят',
      'чотирнадцят',
      "п'ятнадцят",
      'шістнадцят',
      'сімнадцят',
      'вісімнадцят',
      "дев'ятнадцят",
    ],
    tens: [
      '',
      '',
      'двадцят',
      'тридцят',
      'сороков',
      "п'ятдесят",
      'шістдесят',
      'сімдесят',
      'вісімдесят',
      "дев'яност",
    ],
    hundreds: [
      '',
      'сот',
      'двохсот',
      'трьохсот',
      'чотирьохсот',
      "п'ятисот",
      'шестисот',
      'семисот',
      'восьмисот',
      "дев'ятисот",
    ],
    thousands: [
      '',
      'тисячн',
      'двохтисячн',
      'трьохтисячн',
      'чотирьохтисячн',
      "п'ятитисячн",
      'шеститисячн',
      'семитисячн',
      'восьмитисячн',
      "дев'ятитисячн",
    ],
    endings: { 'nom-neut': 'е', 'gen-masc': 'ого' },
    thirdEndings: { 'nom-neut': 'є', 'gen-masc': 'ього' },
  },
};

/** 21 → «двадцять один»; with 'fem' → «двадцять одна». */
export function cardinalUk(n: number, gender: Gender = 'masc'): string {
  return slavicCardinal(UK, n, gender);
}

/** 2.5 → «дві цілих п'ять десятих»; -3 → «мінус три». */
export function numberUk(value: number, gender: Gender = 'masc'): string {
  return slavicNumber(UK, value, gender);
}

/** 23, 'nom-neut' → «двадцять третє»; 2026, 'gen-masc' → «дві тисячі двадцять шостого». */
export function ordinalUk(n: number, form: OrdinalForm): string {
  return slavicOrdinal(UK, n, form);
}
