import { MikroORM } from '@mikro-orm/core';
import { InboundMessage, Recipient, refreshCompletion } from '@proactive-sms/persistence';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { DateTime } from 'luxon';
import { seedCampaign, type ServiceHarness, startService, upload } from './service-harness';

const CSV = 'America/New_York,12125550130,Ana\nAmerica/Los_Angeles,13105550130,Bo\nEurope/Berlin,4930231250130,Clara\n';

describe.each(DATABASE_KINDS)('campaign and list lifecycle on %s', (kind) => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startService(kind, '2027-03-10T12:00:00Z');
  });
  beforeEach(() => service.clock.set('2027-03-10T12:00:00Z'));
  afterAll(() => service.close());

  const recipients = async (listId: number) =>
    (await service.get(`/recipient-lists/${listId}/recipients`).expect(200)).body.items as {
      name: string;
      state: string;
      dueAt: string;
      timezone: string;
    }[];

  it('moves every waiting recipient to the new schedule when it changes', async () => {
    const { campaignId } = await seedCampaign(service);
    const list = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    await service
      .patch(`/campaigns/${campaignId}`, {
        schedule: { saturday: { closed: false, open: '10:30', close: '12:00' } },
      })
      .expect(200);
    for (const recipient of await recipients(list.body.id)) {
      expect(DateTime.fromISO(recipient.dueAt, { zone: recipient.timezone }).toFormat('ccc HH:mm')).toBe('Sat 10:30');
    }
    const invalid = await service
      .patch(`/campaigns/${campaignId}`, { schedule: { sunday: { closed: false, open: '9am' } } })
      .expect(400);
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['schedule.sunday.open']));
  });

  it('pauses without losing anyone and resumes from the next window after now', async () => {
    const { campaignId } = await seedCampaign(service);
    const list = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-10T09:00' }).expect(201);
    const paused = await service.post(`/campaigns/${campaignId}/pause`).expect(200);
    expect(paused.body.status).toBe('paused');
    expect(paused.body.counters.pending).toBe(3);

    service.clock.set('2027-03-12T22:30:00Z'); // Friday 17:30 in New York, 14:30 in Los Angeles, Saturday in Berlin
    const resumed = await service.post(`/campaigns/${campaignId}/resume`).expect(200);
    expect(resumed.body.status).toBe('active');
    const due = Object.fromEntries(
      (await recipients(list.body.id)).map((r) => [
        r.name,
        DateTime.fromISO(r.dueAt, { zone: r.timezone }).toFormat('ccc dd HH:mm'),
      ]),
    );
    // Los Angeles is still inside its Friday window: due at once. The others wait for Monday 09:00 local.
    expect(due).toEqual({ Ana: 'Mon 15 09:00', Bo: 'Fri 12 14:30', Clara: 'Mon 15 09:00' });
  });

  it('stops for good: nobody waiting is texted and the campaign cannot resume', async () => {
    const { campaignId } = await seedCampaign(service);
    const list = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    const stopped = await service.post(`/campaigns/${campaignId}/stop`).expect(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', counters: { pending: 0, stopped: 3 } });
    expect(stopped.body.lists[0].status).toBe('stopped');
    await service.post(`/campaigns/${campaignId}/resume`).expect(409);
    await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(409);
    expect((await recipients(list.body.id)).every((r) => r.state === 'stopped')).toBe(true);
  });

  it('pauses, resumes and stops one list on its own', async () => {
    const { campaignId } = await seedCampaign(service);
    const first = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    const second = await upload(service, campaignId, 'America/Chicago,13125550131,Dee\n', {
      outreachStartAt: '2027-03-11T09:00',
    }).expect(201);
    expect((await service.post(`/recipient-lists/${first.body.id}/pause`).expect(200)).body.status).toBe('paused');
    expect((await service.post(`/recipient-lists/${first.body.id}/resume`).expect(200)).body.status).toBe('scheduled');
    const stopped = await service.post(`/recipient-lists/${second.body.id}/stop`).expect(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', counts: { stopped: 1, pending: 0 } });
    await service.post(`/recipient-lists/${second.body.id}/resume`).expect(409);
    const campaign = await service.get(`/campaigns/${campaignId}`).expect(200);
    expect(campaign.body.status).toBe('active');
    expect(campaign.body.lists.map((l: { status: string }) => l.status)).toEqual(['scheduled', 'stopped']);
  });

  it('retries failed recipients from the next window, and completes honestly', async () => {
    const { campaignId } = await seedCampaign(service);
    const list = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    const em = service.app.get(MikroORM).em.fork();
    const now = new Date('2027-03-11T15:00:00Z');
    await em.nativeUpdate(
      Recipient,
      { list: list.body.id, name: 'Ana' },
      { state: 'failed', lastError: 'Invalid recipient', finishedAt: now },
    );
    await em.nativeUpdate(
      Recipient,
      { list: list.body.id, name: 'Bo' },
      { state: 'delivered', sentAt: now, deliveredAt: now },
    );
    await em.nativeUpdate(
      Recipient,
      { list: list.body.id, name: 'Clara' },
      { state: 'unknown', lastError: 'timeout after the request was sent' },
    );

    const detail = await service.get(`/recipient-lists/${list.body.id}`).expect(200);
    expect(detail.body.counts).toMatchObject({ failed: 1, delivered: 1, unknown: 1, pending: 0 });
    expect(detail.body.progress).toEqual({ handled: 3, total: 3, percent: 100 });
    const failed = (await recipients(list.body.id)).find((r) => r.name === 'Ana');
    expect(failed).toMatchObject({ state: 'failed', error: 'Invalid recipient' });

    const retried = await service.post(`/recipient-lists/${list.body.id}/retry-failed`).expect(200);
    expect(retried.body.counts).toMatchObject({ failed: 0, pending: 1, unknown: 1 });
  });

  it('digests each active campaign: progress per list, outcomes, replies and warnings', async () => {
    const { campaignId, senderNumberId } = await seedCampaign(service, { name: 'Digest me' });
    const list = await upload(service, campaignId, CSV, {
      outreachStartAt: '2027-03-11T09:00',
      outreachEndAt: '2027-03-11T09:00',
    }).expect(400);
    expect(list.body.fields.outreachEndAt).toBeDefined();
    const accepted = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-11T09:00' }).expect(201);
    const em = service.app.get(MikroORM).em.fork();
    await em.nativeUpdate(Recipient, { list: accepted.body.id, name: 'Ana' }, { state: 'unknown' });
    await em.nativeUpdate(
      Recipient,
      { list: accepted.body.id, name: 'Bo' },
      { state: 'delivered', sentAt: new Date(), deliveredAt: new Date() },
    );
    em.create(InboundMessage, {
      providerMessageId: `in-${kind}-1`,
      senderNumber: senderNumberId,
      phone: '+13105550130',
      body: 'Can I change the date?',
      kind: 'message',
      campaignId,
    });
    await em.flush();

    const digest = await service.get('/digest').expect(200);
    const entry = digest.body.campaigns.find((c: { id: number }) => c.id === campaignId);
    expect(entry).toMatchObject({
      name: 'Digest me',
      slackChannelId: 'C0CAMPAIGN',
      totals: { recipients: 3, sent: 1, delivered: 1, unknown: 1, replies: 1, pending: 1, failed: 0 },
      lists: [{ id: accepted.body.id, progress: { handled: 2, total: 3, percent: 66 } }],
    });
    expect(entry.warnings).toEqual([expect.stringMatching(/unknown outcome/)]);
    expect(entry.expectedFinish).toEqual(expect.any(String));

    await service.post(`/campaigns/${campaignId}/stop`).expect(200);
    const after = await service.get('/digest').expect(200);
    expect(after.body.campaigns.map((c: { id: number }) => c.id)).not.toContain(campaignId);
  });

  it('reports a campaign that completed since yesterday once more, with its final numbers, then drops it', async () => {
    const { campaignId } = await seedCampaign(service, { name: 'Finished today' });
    const list = await upload(service, campaignId, CSV, { outreachStartAt: '2027-03-10T09:00' }).expect(201);
    const em = service.app.get(MikroORM).em.fork();
    await em.nativeUpdate(
      Recipient,
      { list: list.body.id },
      { state: 'delivered', sentAt: service.clock.now(), deliveredAt: service.clock.now() },
    );
    await em.transactional((tx) => refreshCompletion(tx, campaignId, service.clock.now()));
    expect((await service.get(`/campaigns/${campaignId}`).expect(200)).body.status).toBe('completed');

    service.clock.set('2027-03-11T09:00:00Z'); // the next morning's digest
    const digest = await service.get('/digest').expect(200);
    expect(digest.body.campaigns.find((c: { id: number }) => c.id === campaignId)).toMatchObject({
      name: 'Finished today',
      status: 'completed',
      totals: { recipients: 3, delivered: 3, pending: 0 },
    });

    service.clock.set('2027-03-12T09:00:00Z'); // a day later it is no longer news
    const later = await service.get('/digest').expect(200);
    expect(later.body.campaigns.map((c: { id: number }) => c.id)).not.toContain(campaignId);
  });
});
