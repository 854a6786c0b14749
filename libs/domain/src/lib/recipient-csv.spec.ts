import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import {
  CSV_ISSUE_REASONS,
  MAX_CSV_BYTES,
  MAX_RECIPIENTS_PER_LIST,
  parseRecipientCsv,
  type CsvIssue,
  type RecipientCsvResult,
} from './recipient-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    parts.push(bytes.subarray(from, point));
    from = point;
  }
  return parts;
}

async function accepted(input: string | Uint8Array | AsyncIterable<Uint8Array>) {
  const result = await parseRecipientCsv(typeof input === 'string' ? utf8(input) : input);
  if (!result.ok) throw new Error(`expected the list to be accepted: ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

async function refused(input: string | Uint8Array | AsyncIterable<Uint8Array>, options = {}): Promise<CsvIssue[]> {
  const result = await parseRecipientCsv(typeof input === 'string' ? utf8(input) : input, options);
  if (result.ok) throw new Error(`expected the list to be refused: ${JSON.stringify(result.rows)}`);
  return result.errors;
}

function rowsOf(count: number, header = true): string {
  const lines = Array.from(
    { length: count },
    (_, i) => `America/New_York,1-555-${String(1000000 + i).slice(1, 4)}-${String(i).padStart(4, '0')}`,
  );
  return (header ? ['timezone,phone_number,name', ...lines] : lines).join('\n');
}

describe('parseRecipientCsv', () => {
  it('reads a list with header, names and several zones', async () => {
    const { rows, warnings } = await accepted(
      'timezone,phone_number,name\n' +
        'America/New_York,1-555-123-4567,Ann\n' +
        'Europe/Berlin,+49 30 1234567,Jürgen\n' +
        'Asia/Calcutta,91 98765 43210,\n' +
        'Australia/Sydney,61 491 570 156\n',
    );
    expect(warnings).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        timeZone: 'America/New_York',
        phone: '+15551234567',
        name: 'Ann',
        original: ['America/New_York', '1-555-123-4567', 'Ann'],
      },
      {
        line: 3,
        timeZone: 'Europe/Berlin',
        phone: '+49301234567',
        name: 'Jürgen',
        original: ['Europe/Berlin', '+49 30 1234567', 'Jürgen'],
      },
      {
        line: 4,
        timeZone: 'Asia/Kolkata',
        phone: '+919876543210',
        name: null,
        original: ['Asia/Calcutta', '91 98765 43210', ''],
      },
      {
        line: 5,
        timeZone: 'Australia/Sydney',
        phone: '+61491570156',
        name: null,
        original: ['Australia/Sydney', '61 491 570 156'],
      },
    ]);
  });

  it('accepts a UTF-8 BOM, CRLF, no header, blank lines and surrounding spaces', async () => {
    const { rows } = await accepted(
      '\uFEFFAmerica/New_York,15551234567,  Zoë  \r\n\r\n  ,  , \r\n America/Los_Angeles , 1 555 123 4568 ,\r\n',
    );
    expect(rows.map(({ line, timeZone, phone, name }) => ({ line, timeZone, phone, name }))).toEqual([
      { line: 1, timeZone: 'America/New_York', phone: '+15551234567', name: 'Zoë' },
      { line: 4, timeZone: 'America/Los_Angeles', phone: '+15551234568', name: null },
    ]);
  });

  it('accepts the two-column header and header names in any case', async () => {
    expect((await accepted('TimeZone , Phone_Number\nEurope/Paris,33 6 12 34 56 78')).rows[0]?.line).toBe(2);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads quoted fields with commas and line breaks, counting physical lines (%s)', async (_, eol) => {
    const text = [
      'timezone,phone_number,name',
      'America/New_York,1-555-123-4567,"Smith, Ann"',
      `America/Chicago,1-555-123-4568,"two${eol}line name"`,
      'America/Denver,1-555-123-4569,"He said ""hi"""',
      'Mars/Base,1-555-123-4570,after the break',
    ].join(eol);
    const errors = await refused(text);
    expect(errors).toEqual([expect.objectContaining({ line: 6, reason: 'Invalid Timezone' })]);
    const { rows } = await accepted(text.replace('Mars/Base', 'America/Phoenix'));
    expect(rows.map((row) => [row.line, row.name])).toEqual([
      [2, 'Smith, Ann'],
      [3, `two${eol}line name`],
      [5, 'He said "hi"'],
      [6, 'after the break'],
    ]);
  });

  it('keeps a quote inside an unquoted name', async () => {
    expect((await accepted('America/New_York,15551234567,John "JJ" Smith')).rows[0]?.name).toBe('John "JJ" Smith');
  });

  it('refuses the list and names every bad row, with the product’s reasons', async () => {
    const errors = await refused(
      [
        'timezone,phone_number,name',
        'America/New_York,1-555-123-4567,Ann',
        'EST,1-555-123-4568,Bob',
        'America/New_York,555-123-4569,Cy',
        'America/New_York,1-555-123-4570,Di,extra',
        'America/New_York',
        'Nowhere/Land,12,Ed',
      ].join('\n'),
    );
    expect(errors.map((error) => [error.line, error.reason])).toEqual([
      [3, 'Invalid Timezone'],
      [4, 'Invalid Phone Number'],
      [5, 'Wrong Number of Fields'],
      [6, 'Wrong Number of Fields'],
      [7, 'Invalid Timezone'],
      [7, 'Invalid Phone Number'],
    ]);
    expect(errors[0]?.message).toContain('America/New_York');
    expect(errors[1]?.message).toContain('1 for the US: 1-555-123-4569');
    expect(errors[2]?.fields).toEqual(['America/New_York', '1-555-123-4570', 'Di', 'extra']);
  });

  it('hints at semicolon-separated files', async () => {
    const [error] = await refused('America/New_York;15551234567;Ann');
    expect(error?.reason).toBe('Wrong Number of Fields');
    expect(error?.message).toMatch(/semicolons/);
  });

  it('keeps the first of two rows with the same number and warns about the later one', async () => {
    const { rows, warnings } = await accepted(
      'America/New_York,1-555-123-4567,Ann\nAmerica/Chicago,+1 (555) 123-4568,Bob\nAmerica/Denver,15551234567,Ann again\n',
    );
    expect(rows.map((row) => row.name)).toEqual(['Ann', 'Bob']);
    expect(warnings).toEqual([
      {
        line: 3,
        reason: 'Duplicate Phone Number',
        message: expect.stringContaining('line 1'),
        fields: ['America/Denver', '15551234567', 'Ann again'],
      },
    ]);
  });

  it(`accepts ${MAX_RECIPIENTS_PER_LIST} recipients and refuses ${MAX_RECIPIENTS_PER_LIST + 1} with one error`, async () => {
    expect(MAX_RECIPIENTS_PER_LIST).toBe(3500);
    expect((await accepted(rowsOf(3500))).rows).toHaveLength(3500);
    const errors = await refused(rowsOf(3501) + '\nnot,a,valid,row');
    expect(errors).toEqual([
      {
        line: null,
        reason: 'Number of recipients exceeds the maximum number allowed',
        message: expect.stringMatching(/3,502 recipients.*3,500.*another list/),
        fields: [],
      },
    ]);
  });

  it('honours a smaller maxRows', async () => {
    expect((await refused(rowsOf(3, false), { maxRows: 2 }))[0]?.reason).toBe(CSV_ISSUE_REASONS.tooManyRecipients);
  });

  it.each([
    ['0 bytes', new Uint8Array(0), 'Empty File'],
    ['only a BOM and blank lines', utf8('\uFEFF\r\n  \r\n'), 'Empty File'],
    ['only the header', utf8('timezone,phone_number,name\r\n'), 'No Recipients'],
  ])('refuses a file with %s', async (_, bytes, reason) => {
    expect(await refused(bytes)).toEqual([{ line: null, reason, message: expect.any(String), fields: [] }]);
  });

  it('refuses an Excel workbook renamed .csv', async () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const [error] = await refused(chunks(xlsx.subarray(0, 2), xlsx.subarray(2)));
    expect(error?.reason).toBe('Not a CSV File');
    expect(error?.message).toMatch(/Excel.*CSV UTF-8/);
  });

  it('refuses binary data and UTF-16 text', async () => {
    expect((await refused(utf8('America/New_York,1555\u00001234567\n')))[0]?.reason).toBe('Not a CSV File');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await refused(utf16))[0]?.message).toMatch(/UTF-16.*CSV UTF-8/);
  });

  it('refuses a Windows-1252 export (é as byte 0xE9) and asks for CSV UTF-8', async () => {
    const latin1 = Uint8Array.from([...utf8('timezone,phone_number,name\nEurope/Paris,33612345678,Ren'), 0xe9, 0x0a]);
    const errors = await refused(latin1);
    expect(errors).toEqual([
      { line: null, reason: 'Not UTF-8', message: expect.stringMatching(/not UTF-8.*line 2.*CSV UTF-8/s), fields: [] },
    ]);
  });

  it('refuses a file ending in the middle of a multibyte character', async () => {
    expect((await refused(Uint8Array.from([...utf8('America/New_York,15551234567,Ren'), 0xc3])))[0]?.reason).toBe(
      'Not UTF-8',
    );
  });

  it('accepts multibyte characters split across chunks', async () => {
    const bytes = utf8('America/New_York,15551234567,José 😀\n');
    const at = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const emoji = bytes.indexOf(0xf0) + 2; // inside the four bytes of 😀
    const { rows } = await accepted(chunks(bytes.subarray(0, at), bytes.subarray(at, emoji), bytes.subarray(emoji)));
    expect(rows[0]?.name).toBe('José 😀');
  });

  it('gives the same answer however the bytes are chunked', async () => {
    const text =
      '\uFEFFtimezone,phone_number,name\r\nAmerica/New_York,1-555-123-4567,"Ünïcödé, ""quoted""\r\nname"\r\n' +
      'Asia/Tokyo,81 90 1234 5678,日本\r\nEST,1-555-123-4568,Bad\r\n';
    const bytes = utf8(text);
    const whole: RecipientCsvResult = await parseRecipientCsv(bytes);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await parseRecipientCsv(chunks(...split(bytes, cuts)))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('stops reading a file over the byte limit and names the limit', async () => {
    let pulled = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      const line = utf8('America/New_York,15551234567,Ann\n');
      for (;;) {
        pulled++;
        yield line;
      }
    }
    const errors = await refused(endless(), { maxBytes: 1000 });
    expect(errors).toEqual([
      { line: null, reason: 'File Too Large', message: expect.stringContaining('1,000 bytes'), fields: [] },
    ]);
    expect(pulled).toBeLessThan(40);
    expect(MAX_CSV_BYTES).toBe(1024 * 1024);
    expect((await refused(new Uint8Array(MAX_CSV_BYTES + 1).fill(0x41)))[0]?.message).toContain('1 MiB');
  });

  it('reports an unclosed quote with the line it starts on', async () => {
    const errors = await refused(
      'America/New_York,15551234567,Ann\r\nAmerica/Chicago,15551234568,"Bob\r\nAmerica/Denver,15551234569,Cy\r\n',
    );
    expect(errors).toEqual([
      { line: 2, reason: 'Malformed CSV', message: expect.stringMatching(/line 2.*never closed/), fields: [] },
    ]);
  });

  it('reports text after a closing quote with its line', async () => {
    const errors = await refused('America/New_York,15551234567,Ann\nAmerica/Chicago,15551234568,"Bob" Smith\n');
    expect(errors).toEqual([
      { line: 2, reason: 'Malformed CSV', message: expect.stringContaining('Line 2 is not valid CSV'), fields: [] },
    ]);
  });

  it('skips a header repeated by pasting two lists together, with a warning', async () => {
    const { rows, warnings } = await accepted(
      'timezone,phone_number,name\nAmerica/New_York,15551234567,Ann\ntimezone,phone_number,name\nAsia/Tokyo,81 90 1234 5678,Kei\n',
    );
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(warnings).toEqual([expect.objectContaining({ line: 3, reason: 'Repeated Header' })]);
  });

  it('skips an unknown header with a warning', async () => {
    const { rows, warnings } = await accepted('Zona horaria,Teléfono,Nombre\nAmerica/Mexico_City,52 55 1234 5678,Ana');
    expect(rows).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: 1, reason: 'Unrecognised Header' });
  });

  it('reads back any list written with csv-stringify', async () => {
    const name = fc
      .oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('Smith, Ann', 'O"Neil', 'two\nlines', '=1+1', ' spaced '))
      .filter((value) => !value.includes('\u0000') && !value.includes('\r'));
    const zone = fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(zone, name), { minLength: 1, maxLength: 20 }), async (list) => {
        const records = list.map(([timeZone, n], i) => [timeZone, `1-555-123-${String(i).padStart(4, '0')}`, n]);
        const csv = stringify([['timezone', 'phone_number', 'name'], ...records]);
        const { rows } = await accepted(csv);
        let line = 2;
        const expected = list.map(([timeZone, n], i) => {
          const row = {
            line,
            timeZone,
            phone: `+1555123${String(i).padStart(4, '0')}`,
            name: n.trim() === '' ? null : n.trim(),
          };
          line += 1 + (n.match(/\n/g)?.length ?? 0);
          return row;
        });
        expect(rows.map(({ line: l, timeZone, phone, name: n }) => ({ line: l, timeZone, phone, name: n }))).toEqual(
          expected,
        );
      }),
      { numRuns: 80 },
    );
  });
});
