/**
 * Reads a recipient list: a CSV with column A the IANA timezone, B the phone number with its country
 * code, C an optional name (see the product's "Add Recipients" section).
 *
 * The bytes are streamed: each chunk is checked (size limit, binary, UTF-8), decoded with a streaming
 * TextDecoder and written to csv-parse, whose on_record hook validates each record as it is parsed.
 *
 * A list is all-or-nothing: one bad row refuses it, and the errors name every bad row so the admin
 * can fix them in one go. Duplicate phone numbers are only warnings (the first row is kept).
 */
import { type Options as CsvParseOptions, Parser } from 'csv-parse';
import { normalisePhoneNumber } from './phone-number';
import { resolveTimeZone, type TimeZoneResult } from './time-zone';

/** The product's limit: "each CSV can contain up to 3,500 contacts". */
export const MAX_RECIPIENTS_PER_LIST = 3500;
/**
 * 1 MiB. 3,500 rows of zone + phone + name take ~100–200 KB, so this leaves room for long names
 * while turning away exports of a whole CRM or a mistaken file before they are read to the end.
 */
export const MAX_CSV_BYTES = 1024 * 1024;

export const CSV_ISSUE_REASONS = {
  tooManyRecipients: 'Number of recipients exceeds the maximum number allowed',
  invalidTimezone: 'Invalid Timezone',
  wrongNumberOfFields: 'Wrong Number of Fields',
  invalidPhoneNumber: 'Invalid Phone Number',
  duplicatePhoneNumber: 'Duplicate Phone Number',
  unrecognisedHeader: 'Unrecognised Header',
  repeatedHeader: 'Repeated Header',
  emptyFile: 'Empty File',
  noRecipients: 'No Recipients',
  notCsv: 'Not a CSV File',
  notUtf8: 'Not UTF-8',
  fileTooLarge: 'File Too Large',
  malformedCsv: 'Malformed CSV',
} as const;

export interface RecipientRow {
  /** Physical line (1-based) where the record starts, as a spreadsheet user counts. */
  line: number;
  timeZone: string;
  /** E.164, e.g. +15551234567. */
  phone: string;
  name: string | null;
  /** The fields as read from the file. */
  original: string[];
}

export interface CsvIssue {
  /** null for problems with the whole file. */
  line: number | null;
  reason: string;
  message: string;
  fields: string[];
}

export type RecipientCsvResult =
  { ok: true; rows: RecipientRow[]; warnings: CsvIssue[] } | { ok: false; errors: CsvIssue[] };

export interface RecipientCsvOptions {
  /** Default MAX_RECIPIENTS_PER_LIST. */
  maxRows?: number;
  /** Default MAX_CSV_BYTES. */
  maxBytes?: number;
}

const SAVE_AS = 'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited) (.csv)" and upload that file.';
const TIMEZONE_HEADERS = new Set(['timezone', 'tz', 'zone', 'ianatimezone']);
const PHONE_HEADERS = new Set(['phonenumber', 'phone', 'mobile', 'mobilenumber', 'cell', 'number']);

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function describeBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes % mib === 0) return `${bytes / mib} MiB (${thousands(bytes)} bytes)`;
  return `${thousands(bytes)} bytes`;
}

function fileIssue(reason: string, message: string): CsvIssue {
  return { line: null, reason, message, fields: [] };
}

function headerKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

function isKnownHeader(values: string[]): boolean {
  const [first = '', second = ''] = values.map(headerKey);
  return TIMEZONE_HEADERS.has(first) || PHONE_HEADERS.has(second);
}

function dropTrailingEmpty(values: string[]): string[] {
  let length = values.length;
  while (length > 2 && values[length - 1] === '') length--;
  return values.slice(0, length);
}

function countLineBreaks(raw: string): number {
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const char = raw.charCodeAt(i);
    if (char === 10) count++;
    else if (char === 13) {
      count++;
      if (raw.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/**
 * csv-parse's stream, with each record handed to `onRecord` the moment it is parsed instead of queued on
 * the readable side: nothing is buffered, and records parsed before a syntax error are still seen. (Its
 * on_record option does the same but builds a context object per record, which costs as much again as the
 * parse itself.)
 */
class RecordParser extends Parser {
  constructor(
    options: CsvParseOptions,
    private readonly onRecord: (record: { record: string[]; raw: string }) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    this.onRecord(chunk as { record: string[]; raw: string });
    return true;
  }
}

/** Validates records one at a time, in file order. */
class RecipientCollector {
  readonly rows: RecipientRow[] = [];
  readonly errors: CsvIssue[] = [];
  readonly warnings: CsvIssue[] = [];
  dataRows = 0;
  sawHeader = false;
  private sawFirstRecord = false;
  private readonly firstLineOfPhone = new Map<string, number>();
  /** A list holds a handful of distinct zones: each is resolved once. */
  private readonly zones = new Map<string, TimeZoneResult>();

  constructor(private readonly maxRows: number) {}

  add(original: string[], line: number): void {
    const values = original.map((field) => field.trim());
    if (values.every((value) => value === '')) return; // blank line, or ",," left by a spreadsheet
    if (!this.sawFirstRecord) {
      this.sawFirstRecord = true;
      if (this.takeHeader(values, original, line)) return;
    } else if (isKnownHeader(values)) {
      // Two lists pasted one after the other: their second header is not a recipient.
      this.warnings.push({
        line,
        reason: CSV_ISSUE_REASONS.repeatedHeader,
        message: 'This row repeats the header and was skipped.',
        fields: original,
      });
      return;
    }
    this.dataRows++;
    if (this.dataRows > this.maxRows) return; // one error for the whole list, see finish()
    this.addDataRow(values, original, line);
  }

  private takeHeader(values: string[], original: string[], line: number): boolean {
    const used = dropTrailingEmpty(values);
    if (isKnownHeader(values)) {
      this.sawHeader = true;
      if (used.length > 3) {
        this.errors.push({
          line,
          reason: CSV_ISSUE_REASONS.wrongNumberOfFields,
          message:
            `The header row has ${used.length} columns; a recipient list has 2 or 3: timezone, phone_number and ` +
            'an optional name. Remove the extra columns.',
          fields: original,
        });
      }
      return true;
    }
    // A header we don't know ("Zona horaria,Teléfono"): no digits anywhere, and column A isn't a zone.
    const looksLikeHeader =
      !values.some((value) => /\d/.test(value)) && !values[0]?.includes('/') && !resolveTimeZone(values[0] ?? '').ok;
    if (looksLikeHeader) {
      this.sawHeader = true;
      this.warnings.push({
        line,
        reason: CSV_ISSUE_REASONS.unrecognisedHeader,
        message: 'This first row was read as a header and skipped. The expected header is: timezone,phone_number,name',
        fields: original,
      });
      return true;
    }
    return false;
  }

  private addDataRow(values: string[], original: string[], line: number): void {
    const used = dropTrailingEmpty(values);
    if (used.length < 2 || used.length > 3) {
      this.errors.push({
        line,
        reason: CSV_ISSUE_REASONS.wrongNumberOfFields,
        message: fieldCountMessage(used),
        fields: original,
      });
      return;
    }
    const [zoneText = '', phoneText = '', nameText = ''] = used;
    let zone = this.zones.get(zoneText);
    if (!zone) this.zones.set(zoneText, (zone = resolveTimeZone(zoneText)));
    const phone = normalisePhoneNumber(phoneText);
    if (!zone.ok) this.errors.push({ line, reason: zone.reason, message: zone.message, fields: original });
    if (!phone.ok) this.errors.push({ line, reason: phone.reason, message: phone.message, fields: original });
    if (!zone.ok || !phone.ok) return;

    const firstLine = this.firstLineOfPhone.get(phone.e164);
    if (firstLine !== undefined) {
      this.warnings.push({
        line,
        reason: CSV_ISSUE_REASONS.duplicatePhoneNumber,
        message: `${phone.e164} is already on line ${firstLine}; only the first row is kept.`,
        fields: original,
      });
      return;
    }
    this.firstLineOfPhone.set(phone.e164, line);
    this.rows.push({ line, timeZone: zone.zone, phone: phone.e164, name: nameText === '' ? null : nameText, original });
  }
}

function fieldCountMessage(used: string[]): string {
  const count = `Found ${used.length} field${used.length === 1 ? '' : 's'}`;
  if (used.length < 2) {
    const only = used[0] ?? '';
    const separator = only.includes(';') ? 'semicolons' : only.includes('\t') ? 'tabs' : undefined;
    return (
      `${count}; each row needs a timezone and a phone number, and optionally a name.` +
      (separator ? ` The row seems to be separated by ${separator}, not commas. ${SAVE_AS}` : '')
    );
  }
  return (
    `${count}; a row has 2 or 3: timezone, phone_number and an optional name. Remove any extra columns; ` +
    'a name that contains a comma must be in double quotes ("Smith, Ann").'
  );
}

function sniff(head: Uint8Array): CsvIssue | undefined {
  const startsWith = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06) || startsWith(0x50, 0x4b, 0x07, 0x08)) {
    return fileIssue(
      CSV_ISSUE_REASONS.notCsv,
      `This looks like an Excel workbook (.xlsx) or another zip file, not a CSV file. ${SAVE_AS}`,
    );
  }
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return fileIssue(
      CSV_ISSUE_REASONS.notCsv,
      `This looks like an old Excel workbook (.xls), not a CSV file. ${SAVE_AS}`,
    );
  }
  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff)) {
    return fileIssue(
      CSV_ISSUE_REASONS.notUtf8,
      `This file is UTF-16 text ("Unicode Text"), not UTF-8: save as CSV UTF-8. ${SAVE_AS}`,
    );
  }
  return undefined;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

function countNewlines(text: string, end = text.length): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Parses and validates a recipient list. Never throws for bad input: every problem is a CsvIssue.
 */
export async function parseRecipientCsv(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  options: RecipientCsvOptions = {},
): Promise<RecipientCsvResult> {
  const maxRows = options.maxRows ?? MAX_RECIPIENTS_PER_LIST;
  const maxBytes = options.maxBytes ?? MAX_CSV_BYTES;
  const collector = new RecipientCollector(maxRows);

  let nextLine = 1;
  let parseError: Error | undefined;
  const parser = new RecordParser(
    {
      raw: true,
      trim: true,
      relax_quotes: true, // a quote inside an unquoted field is kept: John "JJ" Smith
      relax_column_count: true, // field counts are checked per row, with the product's reason
      skip_empty_lines: false, // blank lines are seen, so that line numbers stay right
    },
    ({ record: fields, raw }) => {
      const line = nextLine;
      nextLine += countLineBreaks(raw);
      collector.add(fields, line);
    },
  );
  const settled = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('close', resolve);
    parser.on('error', (error: Error) => {
      parseError ??= error;
      resolve();
    });
  });
  parser.resume();

  const write = async (text: string): Promise<void> => {
    if (text === '' || parseError !== undefined || parser.destroyed) return;
    if (parser.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let decodedNewlines = 0;
  let sawText = false;
  const feed = async (chunk: Uint8Array): Promise<CsvIssue | undefined> => {
    if (chunk.includes(0)) {
      return fileIssue(
        CSV_ISSUE_REASONS.notCsv,
        `This file contains binary data (NUL bytes), so it is not a CSV text file. ${SAVE_AS}`,
      );
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const readable = new TextDecoder('utf-8').decode(chunk);
      const bad = readable.indexOf('\uFFFD');
      const line = decodedNewlines + 1 + (bad === -1 ? 0 : countNewlines(readable, bad));
      return notUtf8(line);
    }
    decodedNewlines += countNewlines(text);
    if (!sawText && text.trim() !== '') sawText = true;
    await write(text);
    return undefined;
  };
  const notUtf8 = (line: number) =>
    fileIssue(
      CSV_ISSUE_REASONS.notUtf8,
      `This file is not UTF-8 text (the first unreadable character is on line ${line}); it was probably saved ` +
        `as "CSV" in a Windows or Mac encoding, which garbles accents. Save it as CSV UTF-8: ${SAVE_AS}`,
    );

  const fail = (issue: CsvIssue): RecipientCsvResult => {
    parser.destroy();
    return { ok: false, errors: [issue] };
  };

  // Sniff the first bytes (zip/xlsx magic, UTF-16 BOM) before decoding anything.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let sniffed = false;
  const source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = input instanceof Uint8Array ? [input] : input;
  try {
    return await read();
  } finally {
    parser.destroy(); // a no-op once parsing ended; frees the parser when reading failed or stopped early
  }

  async function read(): Promise<RecipientCsvResult> {
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        return fail(
          fileIssue(
            CSV_ISSUE_REASONS.fileTooLarge,
            `This file is larger than ${describeBytes(maxBytes)}, the most a recipient list may be. A list of ` +
              `${thousands(maxRows)} recipients is normally far smaller: check it is the right file, or split it into several lists.`,
          ),
        );
      }
      if (sniffed) {
        const issue = await feed(chunk);
        if (issue) return fail(issue);
        continue;
      }
      head.push(chunk);
      headLength += chunk.byteLength;
      if (headLength < 8) continue;
      sniffed = true;
      const start = concat(head, headLength);
      const issue = sniff(start) ?? (await feed(start));
      if (issue) return fail(issue);
    }
    if (!sniffed && headLength > 0) {
      const start = concat(head, headLength);
      const issue = sniff(start) ?? (await feed(start));
      if (issue) return fail(issue);
    }
    if (bytes === 0) {
      return fail(fileIssue(CSV_ISSUE_REASONS.emptyFile, 'The file is empty (0 bytes). Add one recipient per row.'));
    }
    try {
      await write(decoder.decode());
    } catch {
      return fail(notUtf8(decodedNewlines + 1));
    }
    if (!sawText) {
      return fail(fileIssue(CSV_ISSUE_REASONS.emptyFile, 'The file is empty: it has only blank lines.'));
    }
    parser.end();
    await settled;

    if (parseError !== undefined) {
      const code = (parseError as { code?: string }).code;
      const message =
        code === 'CSV_QUOTE_NOT_CLOSED'
          ? `A quoted field that starts on line ${nextLine} is never closed: a double quote (") is missing. ` +
            'Close the quote, or remove the stray quote.'
          : `Line ${nextLine} is not valid CSV: a quoted field must end with its closing quote right before the ` +
            `next comma or the end of the line (write "" for a quote inside quotes). (${code ?? parseError.message})`;
      return {
        ok: false,
        errors: [...collector.errors, { line: nextLine, reason: CSV_ISSUE_REASONS.malformedCsv, message, fields: [] }],
      };
    }
    if (collector.dataRows > maxRows) {
      return {
        ok: false,
        errors: [
          fileIssue(
            CSV_ISSUE_REASONS.tooManyRecipients,
            `This list has ${thousands(collector.dataRows)} recipients; the maximum is ${thousands(maxRows)} per list. ` +
              `Keep up to ${thousands(maxRows)} rows in this file and put the rest in another list.`,
          ),
        ],
      };
    }
    if (collector.dataRows === 0) {
      return {
        ok: false,
        errors: [
          ...collector.errors,
          fileIssue(
            CSV_ISSUE_REASONS.noRecipients,
            collector.sawHeader
              ? 'The file has a header row but no recipients: add one recipient per row below it.'
              : 'The file has no recipients: add one recipient per row.',
          ),
        ],
      };
    }
    if (collector.errors.length > 0) return { ok: false, errors: collector.errors };
    return { ok: true, rows: collector.rows, warnings: collector.warnings };
  }
}
