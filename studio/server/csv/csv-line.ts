/**
 * One CSV line (RFC 4180 quoting, CRLF). Cells a spreadsheet would run as a formula (=, +, -, @ …)
 * get a leading apostrophe — except phone numbers like "+380…", which are data, not formulas.
 */
const FORMULA = /^[=+\-@\t\r]/;
const PHONE = /^\+?[0-9 ()-]+$/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA.test(text) && !PHONE.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
