/**
 * Builtin functions and implicit values of the callflow language: one table shared by the checker
 * (signatures), the compiler (what to emit) and editor services (completion and hover docs).
 * Types are written in the small type language of `value-types.ts`.
 */
import type { Locale } from './diagnostic.ts';
import { formatType, T, type Type } from './value-types.ts';

export { formatType, isAssignable, T, type Type, typeFromSpec, unwrapOptional } from './value-types.ts';

export type Localized = Record<Locale, string>;

export interface BuiltinParam {
  name: string;
  /** Accepted argument types (any one of them). */
  types: Type[];
  optional?: boolean;
}

export type BuiltinCategory = 'text' | 'number' | 'speech';

export interface BuiltinFunction {
  name: string;
  category: BuiltinCategory;
  params: BuiltinParam[];
  result: Type;
  /** Speech formats only: the `SpeechPart` kind the compiler emits (language/compiled-format.ts). */
  speechPart?: 'money' | 'number' | 'digits' | 'date' | 'time';
  doc: Localized;
  example: string;
}

export interface BuiltinValue {
  name: string;
  type: Type;
  /** `announce`: only inside a queue's `announce` text (the ACD fills it in when it speaks). */
  onlyIn?: 'announce';
  /** Values spoken by the host rather than read by the flow (`ewt`, `position`). */
  speechPart?: 'ewt' | 'position';
  doc: Localized;
}

const str = [T.string];
const num = [T.number];
const p = (name: string, types: Type[], optional = false): BuiltinParam => ({ name, types, optional });

const functions: BuiltinFunction[] = [
  // Text
  {
    name: 'length',
    category: 'text',
    params: [p('value', [T.string, T.list(T.any)])],
    result: T.number,
    doc: {
      en: 'Number of characters in a text (or items in a list).',
      ru: 'Число символов в тексте (или элементов списка).',
    },
    example: 'length(contract) == 8',
  },
  {
    name: 'upper',
    category: 'text',
    params: [p('text', str)],
    result: T.string,
    doc: { en: 'The text in upper case.', ru: 'Текст прописными буквами.' },
    example: 'upper(code)',
  },
  {
    name: 'lower',
    category: 'text',
    params: [p('text', str)],
    result: T.string,
    doc: { en: 'The text in lower case.', ru: 'Текст строчными буквами.' },
    example: 'lower(customer.segment) == "vip"',
  },
  {
    name: 'trim',
    category: 'text',
    params: [p('text', str)],
    result: T.string,
    doc: {
      en: 'The text without leading and trailing spaces.',
      ru: 'Текст без пробелов в начале и в конце.',
    },
    example: 'trim(customer.name)',
  },
  {
    name: 'contains',
    category: 'text',
    params: [p('text', str), p('part', str)],
    result: T.boolean,
    doc: { en: 'True when the text contains the part.', ru: 'Истина, если текст содержит фрагмент.' },
    example: 'contains(caller.number, "44")',
  },
  {
    name: 'startsWith',
    category: 'text',
    params: [p('text', str), p('prefix', str)],
    result: T.boolean,
    doc: {
      en: 'True when the text starts with the prefix.',
      ru: 'Истина, если текст начинается с префикса.',
    },
    example: 'startsWith(caller.number, "+38044")',
  },
  {
    name: 'endsWith',
    category: 'text',
    params: [p('text', str), p('suffix', str)],
    result: T.boolean,
    doc: {
      en: 'True when the text ends with the suffix.',
      ru: 'Истина, если текст заканчивается суффиксом.',
    },
    example: 'endsWith(dialled, "400")',
  },
  {
    name: 'substring',
    category: 'text',
    params: [p('text', str), p('start', num), p('length', num, true)],
    result: T.string,
    doc: {
      en: 'Part of the text from `start` (0-based), `length` characters long (default: to the end).',
      ru: 'Часть текста с позиции `start` (с нуля) длиной `length` символов (по умолчанию — до конца).',
    },
    example: 'substring(caller.number, 0, 4)',
  },
  {
    name: 'replace',
    category: 'text',
    params: [p('text', str), p('search', str), p('replacement', str)],
    result: T.string,
    doc: {
      en: 'The text with every `search` replaced.',
      ru: 'Текст, в котором заменены все вхождения `search`.',
    },
    example: 'replace(caller.number, "+", "")',
  },
  // Numbers
  {
    name: 'round',
    category: 'number',
    params: [p('n', num), p('digits', num, true)],
    result: T.number,
    doc: {
      en: 'Rounds to the nearest whole number (or to `digits` decimal places).',
      ru: 'Округляет до целого (или до `digits` знаков после запятой).',
    },
    example: 'round(account.balance, 2)',
  },
  {
    name: 'floor',
    category: 'number',
    params: [p('n', num)],
    result: T.number,
    doc: { en: 'Rounds down.', ru: 'Округляет вниз.' },
    example: 'floor(minutes)',
  },
  {
    name: 'ceil',
    category: 'number',
    params: [p('n', num)],
    result: T.number,
    doc: { en: 'Rounds up.', ru: 'Округляет вверх.' },
    example: 'ceil(seconds / 60)',
  },
  {
    name: 'abs',
    category: 'number',
    params: [p('n', num)],
    result: T.number,
    doc: { en: 'The absolute value.', ru: 'Модуль числа.' },
    example: 'abs(account.balance)',
  },
  {
    name: 'min',
    category: 'number',
    params: [p('a', num), p('b', num)],
    result: T.number,
    doc: { en: 'The smaller of two numbers.', ru: 'Меньшее из двух чисел.' },
    example: 'min(priority, 10)',
  },
  {
    name: 'max',
    category: 'number',
    params: [p('a', num), p('b', num)],
    result: T.number,
    doc: { en: 'The larger of two numbers.', ru: 'Большее из двух чисел.' },
    example: 'max(priority, 0)',
  },
  {
    name: 'toNumber',
    category: 'number',
    params: [p('value', [T.string, T.number])],
    result: T.optional(T.number),
    doc: {
      en: 'The number written in a text; `none` when it is not a number.',
      ru: 'Число, записанное в тексте; `none`, если это не число.',
    },
    example: 'toNumber(contract)',
  },
  {
    name: 'toText',
    category: 'number',
    params: [p('value', [T.number, T.string, T.boolean])],
    result: T.string,
    doc: { en: 'The value as text.', ru: 'Значение в виде текста.' },
    example: 'toText(account.balance)',
  },
  // Speech formats: allowed only in spoken text (say parts, prompts, question text, queue announce).
  {
    name: 'money',
    category: 'speech',
    params: [p('amount', num), p('currency', str)],
    result: T.speech,
    speechPart: 'money',
    doc: {
      en: 'Speaks an amount with its currency, with correct number agreement ("50 hryvnias"). Spoken text only.',
      ru: 'Произносит сумму с валютой с правильным согласованием («1 гривна, 2 гривны, 50 гривен»). Только в произносимом тексте.',
    },
    example: 'say "На счету {money(account.balance, "UAH")}."',
  },
  {
    name: 'number',
    category: 'speech',
    params: [p('n', num)],
    result: T.speech,
    speechPart: 'number',
    doc: {
      en: 'Speaks a number in words. Spoken text only.',
      ru: 'Произносит число словами. Только в произносимом тексте.',
    },
    example: 'say "Вы {number(position)}-й в очереди."',
  },
  {
    name: 'digits',
    category: 'speech',
    params: [p('value', [T.string, T.number])],
    result: T.speech,
    speechPart: 'digits',
    doc: {
      en: 'Speaks digit by digit (a contract or phone number). Spoken text only.',
      ru: 'Произносит по одной цифре (номер договора или телефона). Только в произносимом тексте.',
    },
    example: 'say "Ваш номер {digits(contract)}."',
  },
  {
    name: 'date',
    category: 'speech',
    params: [p('date', str)],
    result: T.speech,
    speechPart: 'date',
    doc: {
      en: 'Speaks an ISO date (YYYY-MM-DD) as "the 5th of March". Spoken text only.',
      ru: 'Произносит дату ISO (ГГГГ-ММ-ДД) как «пятое марта». Только в произносимом тексте.',
    },
    example: 'say "Платёж до {date(account.dueDate)}."',
  },
  {
    name: 'time',
    category: 'speech',
    params: [p('time', str)],
    result: T.speech,
    speechPart: 'time',
    doc: {
      en: 'Speaks a time of day (HH:MM or an ISO date-time). Spoken text only.',
      ru: 'Произносит время суток (ЧЧ:ММ или дату-время ISO). Только в произносимом тексте.',
    },
    example: 'say "Мы откроемся в {time("09:00")}."',
  },
];

const values: BuiltinValue[] = [
  {
    name: 'caller',
    type: T.record({ number: T.string, name: T.optional(T.string) }),
    doc: {
      en: 'The caller: `caller.number` (ANI) and `caller.name` (none when unknown).',
      ru: 'Звонящий: `caller.number` (номер, ANI) и `caller.name` (none, если неизвестно).',
    },
  },
  {
    name: 'dialled',
    type: T.string,
    doc: { en: 'The number the caller dialled (DNIS).', ru: 'Набранный номер (DNIS).' },
  },
  {
    name: 'call',
    type: T.record({ id: T.string }),
    doc: { en: 'This call: `call.id`.', ru: 'Текущий звонок: `call.id`.' },
  },
  {
    name: 'now',
    type: T.record({ hour: T.number, minute: T.number, weekday: T.number, date: T.string, iso: T.string }),
    doc: {
      en: "Local time in the flow's time zone: `hour`, `minute`, `weekday` (1 = Monday … 7 = Sunday), `date` (YYYY-MM-DD), `iso`.",
      ru: 'Местное время в часовом поясе сценария: `hour`, `minute`, `weekday` (1 = понедельник … 7 = воскресенье), `date` (ГГГГ-ММ-ДД), `iso`.',
    },
  },
  {
    name: 'today',
    type: T.string,
    doc: { en: "Today's date, YYYY-MM-DD.", ru: 'Сегодняшняя дата, ГГГГ-ММ-ДД.' },
  },
  {
    name: 'ewt',
    type: T.number,
    onlyIn: 'announce',
    speechPart: 'ewt',
    doc: {
      en: 'Estimated wait time in minutes; only inside a queue `announce`.',
      ru: 'Ожидаемое время ожидания в минутах; только внутри `announce` очереди.',
    },
  },
  {
    name: 'position',
    type: T.number,
    onlyIn: 'announce',
    speechPart: 'position',
    doc: {
      en: "The caller's position in the queue; only inside a queue `announce`.",
      ru: 'Позиция звонящего в очереди; только внутри `announce` очереди.',
    },
  },
];

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, BuiltinFunction> = new Map(
  functions.map((f) => [f.name, f]),
);
export const BUILTIN_VALUES: ReadonlyMap<string, BuiltinValue> = new Map(values.map((v) => [v.name, v]));

export function builtinFunction(name: string): BuiltinFunction | undefined {
  return BUILTIN_FUNCTIONS.get(name);
}

export function builtinValue(name: string): BuiltinValue | undefined {
  return BUILTIN_VALUES.get(name);
}

/** `substring(text: string, start: number, length?: number): string` — for hover and completion. */
export function formatSignature(fn: BuiltinFunction): string {
  const params = fn.params.map(
    (param) => `${param.name}${param.optional ? '?' : ''}: ${param.types.map(formatType).join(' | ')}`,
  );
  return `${fn.name}(${params.join(', ')}): ${formatType(fn.result)}`;
}

/** How many arguments a call may pass: [required, total]. */
export function arity(fn: BuiltinFunction): [number, number] {
  return [fn.params.filter((param) => !param.optional).length, fn.params.length];
}
