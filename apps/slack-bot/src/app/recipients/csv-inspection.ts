import { parse } from 'csv-parse/sync';
import { MAX_CSV_BYTES } from '@proactive-sms/domain';
import type { SlackFile } from '../slack/slack-types';
import { formatBytes, tooLarge } from '../slack/file-downloader';

export { MAX_CSV_BYTES };

/** Header cells the service recognises in column A (see libs/domain recipient-csv). */
const TIMEZONE_HEADERS = new Set(['timezone', 'tz', 'zone', 'ianatimezone']);
const CSV_MIME_TYPES = new Set(['text/csv', 'application/csv', 'text/comma-separated-values']);

/** Why a shared file cannot be a recipient list, before anything is downloaded; null when it may be one. */
export function refuseBeforeDownload(file: Pick<SlackFile, 'name' | 'size' | 'mimetype' | 'filetype'>): string | null {
  if (!looksLikeCsv(file)) {
    const kind = file.filetype && file.filetype !== 'csv' ? ` (${file.filetype})` : '';
    return `*${file.name}*${kind} is not a CSV file. Save the list as "CSV UTF-8 (Comma delimited) (.csv)" and share that file.`;
  }
  if (file.size > MAX_CSV_BYTES) return `*${file.name}* is too large: ${tooLarge(file.size, MAX_CSV_BYTES)}`;
  return null;
}

export function looksLikeCsv(file: Pick<SlackFile, 'name' | 'mimetype' | 'filetype'>): boolean {
  const mime = file.mimetype.split(';')[0]!.trim().toLowerCase();
  return file.name.toLowerCase().endsWith('.csv') || file.filetype === 'csv' || CSV_MIME_TYPES.has(mime);
}

export type CsvSummary = { ok: true; rows: number; hasHeader: boolean } | { ok: false; reason: string };

/**
 * Counts the data rows of a recipient CSV for the reply in the file's thread. The service validates every
 * row when the list is added; this only says how big it is, and refuses what is plainly not text.
 */
export function summariseCsv(bytes: Buffer): CsvSummary {
  if (bytes.length > MAX_CSV_BYTES) return { ok: false, reason: tooLarge(bytes.length, MAX_CSV_BYTES) };
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty.' };
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || bytes.includes(0)) {
    return {
      ok: false,
      reason:
        'it is not a text CSV (it looks like a spreadsheet or another binary file renamed .csv). Save it as "CSV UTF-8 (Comma delimited) (.csv)".',
    };
  }
  let records: string[][];
  try {
    records = parse(bytes, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    return { ok: false, reason: `it could not be read as CSV (${(error as Error).message}).` };
  }
  const nonBlank = records.filter((record) => record.some((cell) => cell.trim() !== ''));
  const first = nonBlank[0]?.[0]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
  const hasHeader = TIMEZONE_HEADERS.has(first);
  return { ok: true, rows: nonBlank.length - (hasHeader ? 1 : 0), hasHeader };
}

export { formatBytes };
