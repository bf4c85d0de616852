/**
 * CSV that opens cleanly in Excel: UTF-8 with a byte-order mark (else Excel guesses the
 * encoding and mangles "Nuñez"), CRLF line ends, every cell quoted with quotes doubled.
 */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell starting with = + - @ (or a tab or carriage return, which Excel skips before them)
 * would be run as a formula when the file is opened ("CSV injection"); a leading apostrophe
 * makes it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
