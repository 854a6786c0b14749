import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { ERROR_LOG_HEADER, errorLogCsv, neutraliseCell } from './error-log';
import { parseRecipientCsv, type CsvIssue } from './recipient-csv';

const DANGEROUS_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

function readBack(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][];
}

function issue(fields: string[], overrides: Partial<CsvIssue> = {}): CsvIssue {
  return { line: 2, reason: 'Invalid Timezone', message: 'bad zone', fields, ...overrides };
}

describe('errorLogCsv', () => {
  it('starts with a BOM and the product’s header, reason in column A', () => {
    const csv = errorLogCsv([issue(['EST', '15551234567', 'Ann'])]);
    expect(csv.startsWith('\uFEFFreason,line,message,timezone,phone_number,name\r\n')).toBe(true);
    expect(readBack(csv)).toEqual([
      [...ERROR_LOG_HEADER],
      ['Invalid Timezone', '2', 'bad zone', 'EST', "'15551234567", 'Ann'],
    ]);
  });

  it('neutralises formula-looking names', () => {
    const names = ['=HYPERLINK("http://x","click")', '@SUM(1)', '-2+3', '+1+1', '\t=1+1', ' =1+1', '\r=1', '＝1+1'];
    const rows = readBack(errorLogCsv(names.map((name) => issue(['America/New_York', '15551234567', name]))));
    expect(rows.slice(1).map((row) => row[5])).toEqual(names.map((name) => `'${name}`));
  });

  it('keeps phone numbers whole and readable, marked as text', () => {
    const rows = readBack(
      errorLogCsv([
        issue(['America/New_York', '+15551234567', 'Ann']),
        issue(['America/New_York', '+1 (555) 123-4567', 'Bob']),
        issue(['America/New_York', '4915112345678', 'Cy']),
        issue(['America/New_York', '555-123-4567', 'Di']),
      ]),
    );
    expect(rows.slice(1).map((row) => row[4])).toEqual([
      "'+15551234567",
      "'+1 (555) 123-4567",
      "'4915112345678",
      '555-123-4567',
    ]);
  });

  it('writes whole-file issues with an empty line and empty fields', () => {
    const rows = readBack(
      errorLogCsv([
        {
          line: null,
          reason: 'Number of recipients exceeds the maximum number allowed',
          message: 'max 3,500',
          fields: [],
        },
      ]),
    );
    expect(rows[1]).toEqual(['Number of recipients exceeds the maximum number allowed', '', 'max 3,500', '', '', '']);
  });

  it('mentions fields beyond column C in the message', () => {
    const [, row] = readBack(errorLogCsv([issue(['a', 'b', 'c', 'd', '=e'], { reason: 'Wrong Number of Fields' })]));
    expect(row?.[2]).toContain('Extra fields: "d", "=e"');
  });

  it('logs the issues of a refused upload', async () => {
    const bytes = new TextEncoder().encode(
      'timezone,phone_number,name\nEST,+15551234567,=cmd|"/c calc"!A1\nAmerica/New_York,555-123-4567,Bob\nA,B,C,D\n',
    );
    const result = await parseRecipientCsv(bytes);
    if (result.ok) throw new Error('expected refusal');
    const rows = readBack(errorLogCsv(result.errors));
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['reason', 'line'],
      ['Invalid Timezone', '2'],
      ['Invalid Phone Number', '3'],
      ['Wrong Number of Fields', '4'],
    ]);
    expect(rows[1]?.slice(3)).toEqual(['EST', "'+15551234567", '\'=cmd|"/c calc"!A1']);
  });

  it('never starts a cell with a formula character and always reads back row for row', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string(),
      fc.constantFrom('=1', '+1', '-1', '@a', '\t', '\r\n=x', '"'),
    );
    const anIssue = fc.record({
      line: fc.option(fc.nat(), { nil: null }),
      reason: text,
      message: text,
      fields: fc.array(text, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(anIssue, { maxLength: 15 }), (issues) => {
        const rows = readBack(errorLogCsv(issues));
        expect(rows).toHaveLength(issues.length + 1);
        for (const [index, row] of rows.slice(1).entries()) {
          expect(row).toHaveLength(6);
          for (const cell of row) expect(cell).not.toMatch(DANGEROUS_START);
          const [timeZone = '', phone = '', name = ''] = issues[index]?.fields ?? [];
          expect([timeZone, `'${timeZone}`]).toContain(row[3]);
          expect([phone, `'${phone}`]).toContain(row[4]);
          expect([name, `'${name}`]).toContain(row[5]);
        }
      }),
    );
  });

  it('neutraliseCell leaves ordinary text alone', () => {
    expect(neutraliseCell('Ann')).toBe('Ann');
    expect(neutraliseCell('America/New_York')).toBe('America/New_York');
    expect(neutraliseCell('')).toBe('');
  });
});
