/**
 * The downloadable error log of a refused recipient list: one row per issue, the reason in column A
 * (the product's wording), then the line, an explanation and the row's original fields.
 *
 * Admins open it in Excel, so it must not run anything (CSV/formula injection):
 * - A cell whose first character — or first character after leading whitespace — is = + - @ TAB CR LF
 *   (or their full-width forms) is written with a leading apostrophe ('), the spreadsheet marker for
 *   "this is text". That covers names like =HYPERLINK("http://x","click") or @SUM(1).
 * - Phone numbers: every E.164 number starts with "+", which Excel reads as a formula. Dropping the
 *   "+" would lose information, and invisible characters would be copied along with the number, so
 *   phones get the same visible apostrophe: '+15551234567. All-digit phones get it too, so Excel keeps
 *   them as text instead of showing 4.91511E+12. The apostrophe is the only change; the number
 *   stays readable and complete (normalisePhoneNumber ignores a leading apostrophe, should it be pasted back).
 * - The file starts with a UTF-8 BOM and uses CRLF, so Excel shows accents in names correctly.
 */
import { stringify } from 'csv-stringify/sync';
import type { CsvIssue } from './recipient-csv';

export const ERROR_LOG_HEADER = ['reason', 'line', 'message', 'timezone', 'phone_number', 'name'] as const;

const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20']);

/** Prefixes an apostrophe when a spreadsheet could read the cell as a formula. */
export function neutraliseCell(value: string): string {
  const first = value.charAt(0);
  const firstVisible = value.trimStart().charAt(0);
  return FORMULA_STARTS.has(first) || FORMULA_STARTS.has(firstVisible) ? `'${value}` : value;
}

function phoneCell(value: string): string {
  const neutral = neutraliseCell(value);
  if (neutral !== value) return neutral;
  const trimmed = value.trim();
  return trimmed !== '' && [...trimmed].every((char) => char >= '0' && char <= '9') ? `'${value}` : value;
}

function messageWithExtras(issue: CsvIssue): string {
  const extras = issue.fields.slice(3);
  if (extras.length === 0) return issue.message;
  const shown = extras.map((field) => JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}…` : field));
  return `${issue.message} Extra fields: ${shown.join(', ')}.`;
}

/** The error log as CSV text (with a BOM): header, then one row per issue. */
export function errorLogCsv(issues: CsvIssue[]): string {
  const rows = issues.map((issue) => {
    const [timeZone = '', phone = '', name = ''] = issue.fields;
    return [
      neutraliseCell(issue.reason),
      issue.line === null ? '' : String(issue.line),
      neutraliseCell(messageWithExtras(issue)),
      neutraliseCell(timeZone),
      phoneCell(phone),
      neutraliseCell(name),
    ];
  });
  return stringify([[...ERROR_LOG_HEADER], ...rows], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true, // a second guard; every cell above is already neutralised
  });
}
