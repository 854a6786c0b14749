/**
 * The "CSV Template" admins download before building a recipient list: the header and sample rows
 * in several zones, in exactly the format parseRecipientCsv accepts (the spec proves it).
 *
 * - Phones follow the product's style, country code first without "+": 1-555-123-4567. A "+" at the
 *   start of a cell would make Excel read it as a formula.
 * - Every sample is in a range reserved for fiction: North America 555, UK 07700 900xxx, Berlin
 *   030 23125xxx (reserved for film and TV), Australia 0491 570 xxx; the names say "(sample)" so a forgotten sample row is obvious.
 * - One row has no name: column C is optional (the trailing comma is what Excel writes anyway).
 * - CRLF line endings; the file form starts with a UTF-8 BOM so Excel opens (and saves back) the
 *   accented names as UTF-8.
 */

const TEMPLATE_ROWS: readonly (readonly [timezone: string, phoneNumber: string, name: string])[] = [
  ['timezone', 'phone_number', 'name'],
  ['America/New_York', '1-555-123-4567', 'Ava (sample)'],
  ['America/Chicago', '1-555-123-4568', 'Noah (sample)'],
  ['America/Denver', '1-555-123-4569', ''],
  ['America/Los_Angeles', '1-555-123-4570', 'Mia (sample)'],
  ['Europe/London', '44-7700-900123', 'Oliver (sample)'],
  ['Europe/Berlin', '49-30-23125-000', 'Jürgen (sample)'],
  ['America/Toronto', '1-555-123-4571', 'Priya (sample)'],
  ['Australia/Sydney', '61-491-570-156', 'Chloé (sample)'],
];

/** The template as text (no BOM): header plus sample rows, CRLF line endings. */
export const RECIPIENT_CSV_TEMPLATE: string = TEMPLATE_ROWS.map((row) => row.join(',')).join('\r\n') + '\r\n';

export const RECIPIENT_CSV_TEMPLATE_FILENAME = 'recipient-list-template.csv';

/** The template file's bytes: UTF-8 with a BOM, ready to upload for download. */
export function recipientCsvTemplateBytes(): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${RECIPIENT_CSV_TEMPLATE}`);
}
