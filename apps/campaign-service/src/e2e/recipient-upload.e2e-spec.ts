import { MikroORM } from '@mikro-orm/core';
import { OptOut } from '@proactive-sms/persistence';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { seedCampaign, type ServiceHarness, startService, upload } from './service-harness';

const EVERY_DAY_ALL_DAY = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    { closed: false, open: '00:00', close: '24:00' },
  ]),
);

type RecipientRow = { phone: string; timezone: string; name: string | null; state: string; dueAt: string | null };

async function recipientsOf(service: ServiceHarness, listId: number): Promise<RecipientRow[]> {
  const response = await service.get(`/recipient-lists/${listId}/recipients?limit=1000`).expect(200);
  return response.body.items;
}

function localTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ccc");
}

function rows(count: number, from = 0): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i += 1)
    lines.push(`America/New_York,1-212-${String(5550000 + i).slice(0, 3)}-${String(i).padStart(4, '0')},Person ${i}`);
  return lines.join('\n');
}

describe.each(DATABASE_KINDS)('recipient list uploads on %s', (kind) => {
  let service: ServiceHarness;

  beforeAll(async () => {
    // Wednesday 2027-03-10 12:00 UTC: the US springs forward on Sunday 03-14, Europe on 03-28.
    service = await startService(kind, '2027-03-10T12:00:00Z');
  });
  afterAll(() => service.close());

  it('accepts a list: recipients normalised, each due at the window opening in their own zone', async () => {
    const { campaignId } = await seedCampaign(service);
    const csv = [
      'timezone,phone_number,name',
      'America/New_York,1-555-123-4567,Ana',
      'America/Los_Angeles,+1 (310) 555-0100,Bo',
      'Europe/Berlin,49 30 1234567,Clara',
      'US/Eastern,1.212.555.0101,',
    ].join('\n');
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(Number),
      recipients: 4,
      duplicates: 0,
      skippedOptedOut: 0,
      skippedAlreadyInCampaign: 0,
      status: 'scheduled',
      forecast: { firstSendAt: expect.any(String), lastSendAt: expect.any(String), notReachableBeforeEnd: 0 },
    });

    const recipients = await recipientsOf(service, response.body.id);
    expect(recipients.map((r) => [r.phone, r.timezone, r.name, r.state])).toEqual([
      ['+15551234567', 'America/New_York', 'Ana', 'pending'],
      ['+13105550100', 'America/Los_Angeles', 'Bo', 'pending'],
      ['+49301234567', 'Europe/Berlin', 'Clara', 'pending'],
      ['+12125550101', 'America/New_York', null, 'pending'],
    ]);
    // A 9 AM start reaches each recipient at 9 AM their time (Thursday, inside Mon–Fri 9–17).
    for (const recipient of recipients) {
      expect(localTime(recipient.dueAt!, recipient.timezone)).toBe('2027-03-11T09:00 Thu');
    }
    expect(response.body.forecast.firstSendAt).toBe(recipients.map((r) => r.dueAt!).sort()[0]);
  });

  it('starts outside the schedule at the next send window, per zone', async () => {
    const { campaignId } = await seedCampaign(service);
    // Friday 18:00 local is after hours everywhere: Monday 09:00 local is the next window.
    const csv = 'America/Los_Angeles,13105550111,Late\nAsia/Tokyo,81 3 1234 5678,Ken\n';
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-12T18:00' }).expect(201);
    const recipients = await recipientsOf(service, response.body.id);
    expect(recipients.map((r) => localTime(r.dueAt!, r.timezone))).toEqual([
      '2027-03-15T09:00 Mon',
      '2027-03-15T09:00 Mon',
    ]);
  });

  it('respects DST changes: a start inside the spring-forward gap opens at the first legal instant', async () => {
    const { campaignId } = await seedCampaign(service, { schedule: EVERY_DAY_ALL_DAY });
    const csv = [
      'America/New_York,12125550120,NY',
      'America/Los_Angeles,13105550120,LA',
      'Europe/Berlin,4930123450,Berlin',
      'Australia/Sydney,61 2 9876 5432,Sydney',
    ].join('\r\n');
    // 02:30 does not exist in New York or Los Angeles on 2027-03-14; the legal floor opens at 08:00 anyway.
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-14T02:30' }).expect(201);
    const recipients = await recipientsOf(service, response.body.id);
    const due = Object.fromEntries(recipients.map((r) => [r.name, r.dueAt]));
    expect(due['NY']).toBe('2027-03-14T12:00:00.000Z'); // 08:00 EDT (UTC−4, the new offset)
    expect(due['LA']).toBe('2027-03-14T15:00:00.000Z'); // 08:00 PDT (UTC−7)
    expect(due['Berlin']).toBe('2027-03-14T07:00:00.000Z'); // 08:00 CET (UTC+1, Europe changes on 03-28)
    expect(due['Sydney']).toBe('2027-03-13T21:00:00.000Z'); // 08:00 AEDT (UTC+11)
    for (const recipient of recipients)
      expect(localTime(recipient.dueAt!, recipient.timezone).slice(11, 16)).toBe('08:00');

    const evening = await upload(service, campaignId, 'Europe/Berlin,4930123451,Evening\n', {
      outreachStartAt: '2027-03-28T02:30',
    }).expect(201);
    const [berlin] = await recipientsOf(service, evening.body.id);
    expect(berlin!.dueAt).toBe('2027-03-28T06:00:00.000Z'); // 08:00 CEST, the day Berlin springs forward
  });

  it("refuses a list with the seed's error reasons, stores nothing, and serves the error log", async () => {
    const { campaignId } = await seedCampaign(service);
    const csv = [
      'timezone,phone_number,name',
      'America/New_York,1-555-123-4567,Fine',
      'America/New_York,1-555-123-4568,Too,Many,Fields',
      'Mars/Olympus_Mons,1-555-123-4569,Lost',
      'America/New_York,555-0199,No Country Code',
      'Europe/Berlin,+49 30 1,Too short',
    ].join('\n');
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-11T09:00' }).expect(422);
    expect(response.body).toMatchObject({
      errorCount: 4,
      errorLogUrl: expect.stringMatching(/^\/uploads\/[\w-]+\/error-log\.csv$/),
    });
    expect(response.body.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])).toEqual([
      [3, 'Wrong Number of Fields'],
      [4, 'Invalid Timezone'],
      [5, 'Invalid Phone Number'],
      [6, 'Invalid Phone Number'],
    ]);
    expect(response.body.errors[2].message).toMatch(/country code/i);

    const detail = await service.get(`/campaigns/${campaignId}`).expect(200);
    expect(detail.body.lists).toEqual([]);
    expect(detail.body.counters.total).toBe(0);

    const log = await service.get(response.body.errorLogUrl).expect(200);
    expect(log.headers['content-type']).toMatch(/^text\/csv/);
    expect(log.headers['content-disposition']).toMatch(/attachment/);
    const records = parse(log.text, { bom: true }) as string[][];
    expect(records[0]![0]).toBe('reason');
    expect(records.slice(1).map((record) => record[0])).toEqual([
      'Wrong Number of Fields',
      'Invalid Timezone',
      'Invalid Phone Number',
      'Invalid Phone Number',
    ]);
  });

  it("accepts 3,500 rows and refuses 3,501 with the seed's wording", async () => {
    const { campaignId } = await seedCampaign(service);
    const accepted = await upload(service, campaignId, rows(3500), { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    expect(accepted.body.recipients).toBe(3500);

    const other = await seedCampaign(service);
    const refused = await upload(service, other.campaignId, rows(3501), { outreachStartAt: '2027-03-11T09:00' }).expect(
      422,
    );
    expect(refused.body.errors).toEqual([
      {
        line: null,
        reason: 'Number of recipients exceeds the maximum number allowed',
        message: expect.stringMatching(/3,500/),
      },
    ]);
    expect((await service.get(`/campaigns/${other.campaignId}`).expect(200)).body.counters.total).toBe(0);
  });

  it('reads a BOM, CRLF line ends and quoted fields with commas and line breaks; keeps the first of duplicates', async () => {
    const { campaignId } = await seedCampaign(service);
    const csv =
      '\uFEFFTimezone,Phone_Number,Name\r\n' +
      'America/Chicago,"1-312-555-0100","Smith, Jane"\r\n' +
      '\r\n' +
      'America/Chicago,+1 312 555 0101,"Line\r\nBreak"\r\n' +
      'America/Denver,1 (312) 555-0100,Duplicate of Jane\r\n';
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    expect(response.body).toMatchObject({ recipients: 2, duplicates: 1 });
    expect(response.body.warnings).toEqual([
      expect.objectContaining({ line: 6, reason: expect.stringMatching(/Duplicate/) }),
    ]);
    const recipients = await recipientsOf(service, response.body.id);
    expect(recipients.map((r) => [r.phone, r.name])).toEqual([
      ['+13125550100', 'Smith, Jane'],
      ['+13125550101', 'Line\r\nBreak'],
    ]);
  });

  it('writes an error log that Excel cannot run as formulas, with readable phone numbers', async () => {
    const { campaignId } = await seedCampaign(service);
    const csv =
      'Nowhere/City,+1 555 123 4567,"=HYPERLINK(""http://evil.example"",""click"")"\nAmerica/New_York,1-555-123-4500,@SUM(A1)\nBad/Zone,15551230000,-2+3\n';
    const response = await upload(service, campaignId, csv, { outreachStartAt: '2027-03-11T09:00' }).expect(422);
    const log = await service.get(response.body.errorLogUrl).expect(200);
    const cells = (parse(log.text, { bom: true, relax_column_count: true }) as string[][]).flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(log.text).toContain('HYPERLINK');
    expect(log.text).toMatch(/1 555 123 4567|15551234567/);
  });

  it('skips numbers that opted out on the sender or are already in the campaign, and counts them', async () => {
    const { campaignId, senderNumberId } = await seedCampaign(service);
    const em = service.app.get(MikroORM).em.fork();
    em.create(OptOut, { senderNumber: senderNumberId, phone: '+12125550177', source: 'STOP' });
    await em.flush();

    await upload(service, campaignId, 'America/New_York,12125550170,First\n', {
      outreachStartAt: '2027-03-11T09:00',
    }).expect(201);
    const second = await upload(
      service,
      campaignId,
      'America/New_York,12125550170,Again\nAmerica/New_York,12125550177,Opted out\nAmerica/New_York,12125550178,New\n',
      { outreachStartAt: '2027-03-12T09:00' },
    ).expect(201);
    expect(second.body).toMatchObject({ recipients: 1, skippedOptedOut: 1, skippedAlreadyInCampaign: 1 });
    expect((await recipientsOf(service, second.body.id)).map((r) => r.name)).toEqual(['New']);
  });

  it('checks the outreach start and end, field by field', async () => {
    const { campaignId } = await seedCampaign(service);
    const past = await upload(service, campaignId, 'America/New_York,12125550180,X\n', {
      outreachStartAt: '2027-03-09T09:00',
    }).expect(400);
    expect(past.body.fields.outreachStartAt).toMatch(/in the past/);
    const backwards = await upload(service, campaignId, 'America/New_York,12125550180,X\n', {
      outreachStartAt: '2027-03-12T09:00',
      outreachEndAt: '2027-03-11T09:00',
    }).expect(400);
    expect(backwards.body.fields.outreachEndAt).toMatch(/not after the start/);
    const missing = await upload(service, campaignId, 'America/New_York,12125550180,X\n').expect(400);
    expect(missing.body.fields.outreachStartAt).toBeDefined();
    // Earlier today is fine: it means "as soon as the window allows".
    const today = await upload(service, campaignId, 'America/New_York,12125550180,X\n', {
      outreachStartAt: '2027-03-10T00:00',
    }).expect(201);
    const [recipient] = await recipientsOf(service, today.body.id);
    expect(localTime(recipient!.dueAt!, 'America/New_York')).toBe('2027-03-10T09:00 Wed');
  });

  it('forecasts who the end time will leave out', async () => {
    const { campaignId } = await seedCampaign(service);
    // One message a second from 09:00 and an end at 09:00:30 local: only the first 30 of 40 New Yorkers fit.
    const response = await upload(service, campaignId, rows(40), {
      outreachStartAt: '2027-03-11T09:00',
      outreachEndAt: '2027-03-11T09:01',
    }).expect(201);
    expect(response.body.forecast.notReachableBeforeEnd).toBe(0);
    const tight = await seedCampaign(service);
    const late = await upload(service, tight.campaignId, rows(100), {
      outreachStartAt: '2027-03-11T09:00',
      outreachEndAt: '2027-03-11T09:01',
    }).expect(201);
    expect(late.body.forecast.notReachableBeforeEnd).toBe(40);
    expect(localTime(late.body.forecast.lastSendAt, 'America/New_York')).toBe('2027-03-11T09:00 Thu');
  });

  it('refuses oversize, non-CSV and malformed requests with a clear status', async () => {
    const { campaignId } = await seedCampaign(service);
    const huge = Buffer.alloc(1024 * 1024 + 10, 'a');
    await upload(service, campaignId, huge, { outreachStartAt: '2027-03-11T09:00' }).expect(413);
    const xlsx = await upload(service, campaignId, Buffer.from('PK\u0003\u0004junk'), {
      outreachStartAt: '2027-03-11T09:00',
      fileName: 'recipients.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }).expect(415);
    expect(xlsx.body.message).toMatch(/CSV/);
    await service.post(`/campaigns/${campaignId}/recipient-lists`, { outreachStartAt: '2027-03-11T09:00' }).expect(415);
    await service
      .post(`/campaigns/${campaignId}/recipient-lists`)
      .field('outreachStartAt', '2027-03-11T09:00')
      .expect(400);
    await upload(service, 999999, 'America/New_York,12125550180,X\n', { outreachStartAt: '2027-03-11T09:00' }).expect(
      404,
    );
  });

  it('serves the CSV template, which is itself a valid list', async () => {
    const template = await service.get('/recipient-lists/template.csv').expect(200);
    expect(template.headers['content-type']).toMatch(/^text\/csv/);
    expect(template.headers['content-disposition']).toMatch(/attachment/);
    const { campaignId } = await seedCampaign(service);
    const response = await upload(service, campaignId, template.text, { outreachStartAt: '2027-03-11T09:00' }).expect(
      201,
    );
    expect(response.body.recipients).toBeGreaterThanOrEqual(3);
  });
});
