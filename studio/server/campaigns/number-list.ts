/**
 * A campaign's list of numbers as uploaded: a JSON list (numbers, or `{number, customerId}`) or a
 * CSV file whose first column — or the column headed `phone`/`number`/`телефон`/`номер` — holds the
 * numbers. Every number is checked before anything is stored; a bad one refuses the upload with the
 * line numbers of the problems.
 */
import { parse } from 'csv-parse/sync';
import { cleanNumber } from '../../../runtime/dialer/number-endpoint.ts';
import type { UploadedNumber } from '../../../runtime/store/queries/campaigns.ts';
import { badRequest } from '../api-error.ts';

export const MAX_NUMBERS = 50_000;

const PHONE = /^\+?[0-9]{3,20}$/;
const HEADERS = new Set(['phone', 'number', 'телефон', 'номер', 'phone number']);

export function isPhoneNumber(text: string): boolean {
  return PHONE.test(cleanNumber(text));
}

export function numbersFromJson(
  list: (string | { number: string; customerId?: string | null })[],
): UploadedNumber[] {
  const bad: number[] = [];
  const out = list.map((entry, i) => {
    const raw = typeof entry === 'string' ? entry : entry.number;
    if (!isPhoneNumber(raw)) bad.push(i + 1);
    return {
      number: cleanNumber(raw),
      customerId: typeof entry === 'string' ? undefined : (entry.customerId ?? undefined),
    };
  });
  if (bad.length > 0) throw badNumbers(bad, 'item');
  return out;
}

export function numbersFromCsv(text: string): UploadedNumber[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest('bad-csv', `The CSV cannot be read: ${detail}`, `CSV не читается: ${detail}`);
  }
  if (rows.length === 0) throw badRequest('no-numbers', 'The file holds no numbers.', 'В файле нет номеров.');
  let column = 0;
  let first = 0;
  const header = rows[0].map((cell) => cell.toLowerCase());
  const named = header.findIndex((cell) => HEADERS.has(cell));
  if (named >= 0) {
    column = named;
    first = 1;
  } else if (!isPhoneNumber(rows[0][0] ?? '')) {
    first = 1; // a header we do not know: the numbers are in the first column
  }
  if (rows.length - first > MAX_NUMBERS) throw tooMany();
  const bad: number[] = [];
  const out: UploadedNumber[] = [];
  for (let i = first; i < rows.length; i++) {
    const cell = rows[i][column] ?? '';
    if (!isPhoneNumber(cell)) bad.push(i + 1);
    else out.push({ number: cleanNumber(cell) });
  }
  if (bad.length > 0) throw badNumbers(bad, 'line');
  if (out.length === 0) throw badRequest('no-numbers', 'The file holds no numbers.', 'В файле нет номеров.');
  return out;
}

export function tooMany() {
  return badRequest(
    'too-many-numbers',
    `At most ${MAX_NUMBERS} numbers per upload.`,
    `Не более ${MAX_NUMBERS} номеров за одну загрузку.`,
  );
}

function badNumbers(where: number[], unit: 'line' | 'item') {
  const shown = where.slice(0, 20).join(', ') + (where.length > 20 ? ', …' : '');
  const en = unit === 'line' ? 'lines' : 'items';
  const ru = unit === 'line' ? 'строках' : 'элементах';
  return badRequest(
    'bad-numbers',
    `Not phone numbers (digits, optionally a leading +) in ${en} ${shown}.`,
    `Не номера телефонов (цифры, можно с + в начале) в ${ru} ${shown}.`,
    { [unit === 'line' ? 'lines' : 'items']: where.slice(0, 100) },
  );
}
