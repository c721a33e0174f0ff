import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../studio/server/csv/csv-line.ts';
import { parseImport } from '../../../studio/server/csv/customer-import.ts';
import { localeOf } from '../../../studio/server/locale.ts';

describe('CSV lines', () => {
  it('quotes what needs quoting and defuses formulas, but keeps phone numbers', () => {
    expect(csvLine(['a,b', 'say "hi"', '=HYPERLINK("x")', '+380501234567', '-5+3', null, 7])).toBe(
      '"a,b","say ""hi""","\'=HYPERLINK(""x"")",+380501234567,\'-5+3,,7\r\n',
    );
  });
});

describe('CSV import parsing', () => {
  it('reads customers with a BOM, any header case, vip words and card fields', () => {
    const parsed = parseImport(
      'customers',
      '\uFEFFPhone,Name,VIP,City\n+380671234567,Марія,так,Київ\n0671112233,Петро,,\n',
    );
    expect(parsed.customers).toEqual([
      { phone: '+380671234567', name: 'Марія', vip: true, city: 'Київ' },
      { phone: '0671112233', name: 'Петро', vip: false, city: '' },
    ]);
  });
});

describe('message language', () => {
  it.each([
    [undefined, 'en'],
    ['ru', 'ru'],
    ['uk-UA,uk;q=0.9', 'ru'],
    ['en-US,en;q=0.9,ru;q=0.8', 'en'],
    ['de-DE,ru;q=0.5,en;q=0.4', 'ru'],
  ] as const)('%s → %s', (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });
});
