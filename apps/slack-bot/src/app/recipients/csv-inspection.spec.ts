import { MAX_CSV_BYTES, refuseBeforeDownload, summariseCsv } from './csv-inspection';

const csvFile = { name: 'list.csv', size: 100, mimetype: 'text/csv', filetype: 'csv' };

describe('summariseCsv', () => {
  it('counts data rows, not the header, with a BOM, CRLF and quoted line breaks', () => {
    const bytes = Buffer.from(
      '\uFEFFtimezone,phone_number,name\r\nAmerica/New_York,1-555-123-4567,"Ana\r\nMaria"\r\n\r\nEurope/Paris,33 6 12 34 56 78,\r\n',
    );
    expect(summariseCsv(bytes)).toEqual({ ok: true, rows: 2, hasHeader: true });
  });

  it('counts every row of a file without a header', () => {
    expect(summariseCsv(Buffer.from('America/New_York,1-555-123-4567\nAmerica/Chicago,1-555-123-4568\n'))).toEqual({
      ok: true,
      rows: 2,
      hasHeader: false,
    });
  });

  it('refuses a spreadsheet renamed .csv, an empty file and an oversize one', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]);
    expect(summariseCsv(zip)).toMatchObject({ ok: false, reason: expect.stringContaining('not a text CSV') });
    expect(summariseCsv(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'the file is empty.' });
    expect(summariseCsv(Buffer.alloc(MAX_CSV_BYTES + 1, 'a'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('at most 1 MiB'),
    });
  });
});

describe('refuseBeforeDownload', () => {
  it('accepts a CSV up to 1 MiB', () => {
    expect(refuseBeforeDownload(csvFile)).toBeNull();
    expect(refuseBeforeDownload({ ...csvFile, size: MAX_CSV_BYTES })).toBeNull();
  });

  it('says how to save a spreadsheet as CSV, and how big is too big', () => {
    expect(
      refuseBeforeDownload({
        name: 'list.xlsx',
        size: 10,
        mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filetype: 'xlsx',
      }),
    ).toContain('is not a CSV file. Save the list as "CSV UTF-8');
    expect(refuseBeforeDownload({ ...csvFile, size: 3 * 1024 * 1024 })).toContain('the file is 3 MiB');
  });
});
