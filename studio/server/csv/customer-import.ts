/**
 * Importing customers or accounts from CSV. The whole file is parsed and every row validated before
 * anything is written: one bad row refuses the import with the line numbers of the problems (and
 * never echoes a PIN). Rows are then upserted in batches, with progress reported after each (PIN
 * hashing is the slow part: scrypt per account). Upserts make a re-run after a failure safe.
 *
 *   customers:  phone,name[,vip][,any other column → the customer card]
 *   accounts:   contract,pin,balance,currency[,phone]
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { PinHashCost } from '../../../runtime/data/pin-hash.ts';
import type { Db } from '../../../runtime/store/database.ts';
import {
  type AccountImport,
  type CustomerImport,
  importCustomers,
} from '../../../runtime/store/queries/customers.ts';
import { ApiError, badRequest } from '../api-error.ts';

export type ImportKind = 'customers' | 'accounts';

export interface ImportProgress {
  phase: 'validated' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  customers: number;
  accounts: number;
  batches: number;
}

const BATCH = 200;
const MAX_ROWS = 100_000;

const truthy = new Set(['1', 'true', 'yes', 'y', 'да', 'так', 'vip']);
const falsy = new Set(['', '0', 'false', 'no', 'n', 'нет', 'ні']);

const CustomerRow = z
  .object({
    phone: z.string().regex(/^\+?[0-9 ()-]{5,24}$/, 'a phone number'),
    name: z.string().min(1, 'a name').max(200),
    vip: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || truthy.has(v.toLowerCase()) || falsy.has(v.toLowerCase()),
        'yes/no, true/false or 1/0',
      ),
  })
  .catchall(z.string().max(2_000));

const AccountRow = z.object({
  contract: z.string().regex(/^[0-9A-Za-z-]{1,32}$/, 'a contract number (letters, digits, -)'),
  // The message never repeats the value: it is a PIN.
  pin: z.string().regex(/^[0-9]{4,8}$/, '4 to 8 digits'),
  balance: z.string().regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'an amount like 50.00'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code like UAH'),
  phone: z
    .string()
    .regex(/^(\+?[0-9 ()-]{5,24})?$/, 'a phone number')
    .optional(),
});

export interface ParsedImport {
  kind: ImportKind;
  customers: CustomerImport[];
  accounts: AccountImport[];
}

/** Parses and validates the whole file; throws a 400/422 ApiError listing the bad lines. */
export function parseImport(kind: ImportKind, text: string): ParsedImport {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(
      'malformed-csv',
      `The file is not valid CSV: ${detail}`,
      `Файл — не корректный CSV: ${detail}`,
    );
  }
  if (records.length === 0) throw badRequest('empty-csv', 'The file has no rows.', 'В файле нет строк.');
  if (records.length > MAX_ROWS) {
    throw new ApiError(
      413,
      'too-many-rows',
      `At most ${MAX_ROWS} rows per import.`,
      `Не более ${MAX_ROWS} строк за один импорт.`,
    );
  }
  const schema = kind === 'customers' ? CustomerRow : AccountRow;
  const problems: { line: number; message: string }[] = [];
  const valid: Record<string, string>[] = [];
  records.forEach((record, index) => {
    const result = schema.safeParse(record);
    if (result.success) valid.push(result.data as Record<string, string>);
    else if (problems.length < 20) {
      // Line 1 is the header.
      const message = result.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ');
      problems.push({ line: index + 2, message });
    }
  });
  if (problems.length > 0) {
    const first = problems
      .map((p) => `line ${p.line}: ${p.message}`)
      .slice(0, 3)
      .join('; ');
    throw new ApiError(
      422,
      'invalid-csv',
      `Nothing was imported: ${first}`,
      `Ничего не импортировано: ${first}`,
      { rows: problems },
    );
  }
  if (kind === 'customers') {
    return {
      kind,
      accounts: [],
      customers: valid.map(({ phone, name, vip, ...card }) => ({
        ...card,
        phone,
        name,
        vip: vip !== undefined && truthy.has(vip.toLowerCase()),
      })),
    };
  }
  return {
    kind,
    customers: [],
    accounts: valid.map((a) => ({
      contract: a.contract,
      pin: a.pin,
      balance: a.balance,
      currency: a.currency,
      phone: a.phone ? a.phone : undefined,
    })),
  };
}

/** Writes a validated import in batches, reporting progress after each. */
export async function writeImport(
  db: Db,
  tenantId: string,
  data: ParsedImport,
  onProgress: (progress: ImportProgress) => void,
  pinCost?: PinHashCost,
): Promise<ImportResult> {
  const rows = data.kind === 'customers' ? data.customers.length : data.accounts.length;
  const result: ImportResult = { kind: data.kind, rows, customers: 0, accounts: 0, batches: 0 };
  onProgress({ phase: 'validated', done: 0, total: rows });
  for (let start = 0; start < rows; start += BATCH) {
    const counts =
      data.kind === 'customers'
        ? await importCustomers(
            db,
            tenantId,
            { customers: data.customers.slice(start, start + BATCH) },
            pinCost,
          )
        : await importCustomers(
            db,
            tenantId,
            { customers: [], accounts: data.accounts.slice(start, start + BATCH) },
            pinCost,
          );
    result.customers += counts.customers;
    result.accounts += counts.accounts;
    result.batches++;
    onProgress({ phase: 'writing', done: Math.min(rows, start + BATCH), total: rows });
  }
  onProgress({ phase: 'done', done: rows, total: rows });
  return result;
}
