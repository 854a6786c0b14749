import { RECIPIENT_CSV_TEMPLATE, RECIPIENT_CSV_TEMPLATE_FILENAME, recipientCsvTemplateBytes } from './csv-template';
import { parseRecipientCsv } from './recipient-csv';

describe('recipient CSV template', () => {
  it('starts with the header the parser expects', () => {
    expect(RECIPIENT_CSV_TEMPLATE.split('\r\n')[0]).toBe('timezone,phone_number,name');
    expect(RECIPIENT_CSV_TEMPLATE_FILENAME).toMatch(/\.csv$/);
  });

  it('uses the product’s phone style for the US samples, without a formula-starting "+"', () => {
    expect(RECIPIENT_CSV_TEMPLATE).toContain('America/New_York,1-555-123-4567,');
    expect(RECIPIENT_CSV_TEMPLATE).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('parses, as downloaded (BOM, CRLF), into sample rows in several zones', async () => {
    const result = await parseRecipientCsv(recipientCsvTemplateBytes());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.rows.map(({ line, timeZone, phone, name }) => [line, timeZone, phone, name])).toEqual([
      [2, 'America/New_York', '+15551234567', 'Ava (sample)'],
      [3, 'America/Chicago', '+15551234568', 'Noah (sample)'],
      [4, 'America/Denver', '+15551234569', null],
      [5, 'America/Los_Angeles', '+15551234570', 'Mia (sample)'],
      [6, 'Europe/London', '+447700900123', 'Oliver (sample)'],
      [7, 'Europe/Berlin', '+493023125000', 'Jürgen (sample)'],
      [8, 'America/Toronto', '+15551234571', 'Priya (sample)'],
      [9, 'Australia/Sydney', '+61491570156', 'Chloé (sample)'],
    ]);
  });

  it('the file form starts with a UTF-8 BOM', () => {
    expect([...recipientCsvTemplateBytes().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
