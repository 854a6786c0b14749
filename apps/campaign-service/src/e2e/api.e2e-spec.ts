import { AuditEntry } from '@proactive-sms/persistence';
import { MikroORM } from '@mikro-orm/core';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { ADMIN, seedCampaign, type ServiceHarness, startService, TOKEN, WEEKDAYS_9_TO_17 } from './service-harness';

describe.each(DATABASE_KINDS)('campaign service API on %s', (kind) => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startService(kind);
  });
  afterAll(() => service.close());

  describe('access', () => {
    it('answers health without a token and names the database', async () => {
      const response = await service.http.get('/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', database: kind });
    });

    it('refuses every other route without the right bearer token', async () => {
      await service.http.get('/campaigns').expect(401);
      await service.http.get('/campaigns').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
      await service.http.get('/campaigns').set('Authorization', TOKEN).expect(401);
      await service.http.get('/docs').expect(401);
      await service.http.get('/campaigns').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    });

    it('refuses a write that does not say who made it, and stores nothing', async () => {
      const response = await service.http
        .post('/answers')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ name: 'Anonymous', language: 'en', body: 'Hello', defaultFirstName: 'there' })
        .expect(400);
      expect(response.body.message).toMatch(/X-Actor/);
      const answers = await service.get('/answers').expect(200);
      expect(answers.body.map((answer: { name: string }) => answer.name)).not.toContain('Anonymous');
    });

    it('serves the OpenAPI document generated from the DTOs', async () => {
      const response = await service.get('/docs').expect(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/campaigns',
          '/campaigns/{id}/recipient-lists',
          '/sender-numbers',
          '/answers',
          '/digest',
        ]),
      );
    });
  });

  describe('sender numbers', () => {
    it('stores any readable format as E.164 and lists only SMS-capable ones on request', async () => {
      const created = await service
        .post('/sender-numbers', { number: '1 (212) 555-0142', label: 'NY desk', inboxChannelId: 'C0NYINBOX' })
        .expect(201);
      expect(created.body).toMatchObject({
        id: expect.any(Number),
        number: '+12125550142',
        smsCapable: true,
        messagesPerSecond: 1,
      });
      await service
        .post('/sender-numbers', {
          number: '+44 20 7946 0958',
          label: 'Voice only',
          smsCapable: false,
          inboxChannelId: 'C0UKINBOX',
        })
        .expect(201);

      const capable = await service.get('/sender-numbers?smsCapable=true').expect(200);
      const numbers = capable.body.map((n: { number: string }) => n.number);
      expect(numbers).toContain('+12125550142');
      expect(numbers).not.toContain('+442079460958');
    });

    it('explains a number without a country code, and refuses the same number twice', async () => {
      const invalid = await service
        .post('/sender-numbers', { number: '555-0142', label: 'x', inboxChannelId: 'C0NYINBOX' })
        .expect(400);
      expect(invalid.body.fields.number).toMatch(/Invalid Phone Number|country code/i);
      const twice = await service
        .post('/sender-numbers', { number: '+1 212 555 0142', label: 'again', inboxChannelId: 'C0NYINBOX' })
        .expect(409);
      expect(twice.body.fields.number).toMatch(/already registered/);
    });

    it('names each wrong field', async () => {
      const response = await service
        .post('/sender-numbers', { number: '+12125550199', label: '', inboxChannelId: 'general' })
        .expect(400);
      expect(Object.keys(response.body.fields).sort()).toEqual(['inboxChannelId', 'label']);
    });
  });

  describe('messaging answers', () => {
    it('creates an answer with its SMS preview and filters by language', async () => {
      const created = await service
        .post('/answers', {
          name: 'Hola',
          language: 'ES',
          body: 'Hola {{ first_name }}, ¿todo bien?',
          defaultFirstName: 'amigo',
        })
        .expect(201);
      expect(created.body).toMatchObject({ language: 'es', preview: { text: 'Hola amigo, ¿todo bien?', segments: 1 } });
      const spanish = await service.get('/answers?language=es').expect(200);
      expect(spanish.body.every((answer: { language: string }) => answer.language === 'es')).toBe(true);
      expect(spanish.body.map((answer: { name: string }) => answer.name)).toContain('Hola');
    });

    it('refuses an unknown variable, naming it', async () => {
      const response = await service
        .post('/answers', { name: 'Bad', language: 'en', body: 'Hi {{last_name}}', defaultFirstName: 'there' })
        .expect(400);
      expect(response.body.fields.body).toContain('{{last_name}}');
    });
  });

  describe('campaigns', () => {
    it('creates a campaign (201 with its id) and shows it with status, counters and lists', async () => {
      const { campaignId } = await seedCampaign(service, { name: 'Spring reminders' });
      const detail = await service.get(`/campaigns/${campaignId}`).expect(200);
      expect(detail.body).toMatchObject({
        id: campaignId,
        name: 'Spring reminders',
        status: 'active',
        schedule: WEEKDAYS_9_TO_17,
        counters: { total: 0, pending: 0 },
        lists: [],
        createdBy: ADMIN,
        warnings: [],
      });
      const all = await service.get('/campaigns').expect(200);
      expect(all.body.map((c: { id: number }) => c.id)).toContain(campaignId);
    });

    it('answers every field problem at once, keyed for the modal', async () => {
      const numbers = await service.get('/sender-numbers').expect(200);
      const voiceOnly = numbers.body.find((n: { smsCapable: boolean }) => !n.smsCapable);
      const spanish = (await service.get('/answers?language=es').expect(200)).body[0];
      await seedCampaign(service, { name: 'Taken name' });
      const response = await service
        .post('/campaigns', {
          name: 'Taken name',
          senderNumberId: voiceOnly.id,
          language: 'en',
          answerId: spanish.id,
          schedule: { monday: { closed: false, open: '17:00', close: '09:00' }, funday: { closed: true } },
          slackChannelId: 'C0CAMPAIGN',
        })
        .expect(400);
      expect(response.body.fields).toEqual({
        name: expect.stringMatching(/already exists/),
        senderNumberId: expect.stringMatching(/cannot send SMS/),
        answerId: expect.stringMatching(/is in es, not en/),
        'schedule.monday.close': expect.any(String),
        'schedule.funday': expect.any(String),
      });
    });

    it('allows a schedule closed every day but warns about it', async () => {
      const { campaignId } = await seedCampaign(service, { schedule: {} });
      const detail = await service.get(`/campaigns/${campaignId}`).expect(200);
      expect(detail.body.warnings).toEqual([expect.stringMatching(/closed every day/)]);
      expect(detail.body.schedule.monday).toEqual({ closed: true });
    });

    it('404s an unknown campaign and 400s a non-numeric id', async () => {
      await service.get('/campaigns/999999').expect(404);
      await service.get('/campaigns/abc').expect(400);
    });

    it('records every change in the audit log with its actor', async () => {
      const { campaignId } = await seedCampaign(service);
      await service.patch(`/campaigns/${campaignId}`, { description: 'Edited' }).expect(200);
      const em = service.app.get(MikroORM).em.fork();
      const entries = await em.find(
        AuditEntry,
        { entityType: 'campaign', entityId: String(campaignId) },
        { orderBy: { id: 'asc' } },
      );
      expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
        ['campaign.created', ADMIN],
        ['campaign.updated', ADMIN],
      ]);
    });
  });

  describe('bad input', () => {
    it('never yields a 5xx, and says what is wrong', async () => {
      const { campaignId } = await seedCampaign(service);
      const attempts = [
        service.get('/campaigns/99999999999'),
        service.get('/campaigns/-1'),
        service.get('/recipient-lists/1e3'),
        service.get('/recipient-lists/1/recipients?limit=abc'),
        service.get('/recipient-lists/1/recipients?limit=100000'),
        service.post('/campaigns', {
          name: 'x',
          senderNumberId: 99999999999,
          language: 'en',
          answerId: 1,
          schedule: {},
          slackChannelId: 'C0X',
        }),
        service.post('/campaigns', {
          name: ['x'],
          senderNumberId: '1',
          language: 7,
          answerId: null,
          schedule: 'always',
          slackChannelId: 1,
        }),
        service.post('/campaigns', { name: 'x', extra: 'field' }),
        service.patch(`/campaigns/${campaignId}`, { schedule: { monday: { closed: 'no' } } }),
        service.patch(`/campaigns/${campaignId}`, { sendCap: { count: 0, perSeconds: 1.5 } }),
        service.post('/answers', { name: 'x'.repeat(500), language: 'english', body: '{{', defaultFirstName: 7 }),
        service.post('/sender-numbers', { number: 42, label: 'x', inboxChannelId: 'C0X', messagesPerSecond: -1 }),
        service.http
          .post('/answers')
          .set('Authorization', `Bearer ${TOKEN}`)
          .set('X-Actor', ADMIN)
          .set('Content-Type', 'application/json')
          .send('{"name": '),
        service.post(`/campaigns/${campaignId}/pause`).set('X-Actor', 'robert); drop table campaigns;--'),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(typeof response.body.message === 'string' || Array.isArray(response.body.message)).toBe(true);
      }
      const unchanged = await service.get(`/campaigns/${campaignId}`).expect(200);
      expect(unchanged.body.status).toBe('active');
    });
  });
});
