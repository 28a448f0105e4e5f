/**
 * CSV cells that open safely in spreadsheets. A text cell starting with = + - @ (or a tab or
 * carriage return) is read as a formula by Excel, LibreOffice and Google Sheets; such cells get a
 * leading apostrophe. Numbers are never touched: a negative delta stays the number -25.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
