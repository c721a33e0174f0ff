/**
 * Digit strings read one by one (contract numbers, phone numbers): «123» → «один два три».
 * Keypad symbols are named («#» → «решётка»); separators (spaces, dashes, brackets) are dropped
 * from speech but kept in the display, which shows the value as written.
 */
import type { SpeechLang, SpeechStyle } from './speech-language.ts';

const DIGIT_NAMES: Record<SpeechLang, Record<string, string>> = {
  ru: {
    '0': 'ноль',
    '1': 'один',
    '2': 'два',
    '3': 'три',
    '4': 'четыре',
    '5': 'пять',
    '6': 'шесть',
    '7': 'семь',
    '8': 'восемь',
    '9': 'девять',
    '*': 'звёздочка',
    '#': 'решётка',
    '+': 'плюс',
  },
  uk: {
    '0': 'нуль',
    '1': 'один',
    '2': 'два',
    '3': 'три',
    '4': 'чотири',
    '5': "п'ять",
    '6': 'шість',
    '7': 'сім',
    '8': 'вісім',
    '9': "дев'ять",
    '*': 'зірочка',
    '#': 'решітка',
    '+': 'плюс',
  },
  en: {
    '0': 'zero',
    '1': 'one',
    '2': 'two',
    '3': 'three',
    '4': 'four',
    '5': 'five',
    '6': 'six',
    '7': 'seven',
    '8': 'eight',
    '9': 'nine',
    '*': 'star',
    '#': 'hash',
    '+': 'plus',
  },
};

export function renderDigits(value: string, lang: SpeechLang, style: SpeechStyle): string {
  const text = String(value);
  if (style === 'display') return text;
  const names = DIGIT_NAMES[lang];
  return [...text]
    .map((ch) => names[ch])
    .filter((name) => name !== undefined)
    .join(' ');
}
