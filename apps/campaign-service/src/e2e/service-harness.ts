import type { INestApplication } from '@nestjs/common';
import { createTemporaryDatabase, type DatabaseKind, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import { DEFAULT_LEGAL_WINDOW } from '@proactive-sms/domain';
import request from 'supertest';
import { Clock } from '../app/clock';
import { ServiceConfig } from '../app/config/service-config';
import { createApp } from '../app/create-app';

export const TOKEN = 'test-service-token-0123456789';
export const ADMIN = 'U0ADMIN01';

/** A clock the test sets; every rule reads `now` from it. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}

export type ServiceHarness = {
  app: INestApplication;
  clock: TestClock;
  database: TemporaryDatabase;
  http: ReturnType<typeof request>;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body: object): request.Test;
  close(): Promise<void>;
};

/** The real service over HTTP on a database of its own (a fresh SQLite file or PostgreSQL database). */
export async function startService(kind: DatabaseKind, now = '2027-03-10T12:00:00Z'): Promise<ServiceHarness> {
  const database = await createTemporaryDatabase(kind);
  const clock = new TestClock(new Date(now));
  const config = new ServiceConfig(0, database.target, TOKEN, 'UTC', DEFAULT_LEGAL_WINDOW);
  const app = await createApp(config, { clock, logger: process.env['SERVICE_TEST_LOGS'] ? ['error', 'warn'] : false });
  const http = request(app.getHttpServer());
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TOKEN}`).set('X-Actor', ADMIN);
  return {
    app,
    clock,
    database,
    http,
    get: (path) => http.get(path).set('Authorization', `Bearer ${TOKEN}`),
    post: (path, body) => (body ? auth(http.post(path)).send(body) : auth(http.post(path))),
    patch: (path, body) => auth(http.patch(path)).send(body),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const WEEKDAYS_9_TO_17 = {
  monday: { closed: false, open: '09:00', close: '17:00' },
  tuesday: { closed: false, open: '09:00', close: '17:00' },
  wednesday: { closed: false, open: '09:00', close: '17:00' },
  thursday: { closed: false, open: '09:00', close: '17:00' },
  friday: { closed: false, open: '09:00', close: '17:00' },
  saturday: { closed: true },
  sunday: { closed: true },
};

let seeded = 0;

/** A sender number, an English answer and a campaign: what most tests start from. */
export async function seedCampaign(
  service: ServiceHarness,
  overrides: Record<string, unknown> = {},
): Promise<{ campaignId: number; senderNumberId: number; answerId: number }> {
  const number = await service
    .post('/sender-numbers', {
      number: `+1 415 555 ${String(1000 + (seeded += 1)).padStart(4, '0')}`,
      label: 'Support US',
      inboxChannelId: 'C0INBOX01',
    })
    .expect(201);
  const answer = await service
    .post('/answers', {
      name: 'Reminder',
      language: 'en',
      body: 'Hi {{first_name}}, your order ships tomorrow. Reply STOP to opt out.',
      defaultFirstName: 'there',
    })
    .expect(201);
  const campaign = await service
    .post('/campaigns', {
      name: `Campaign ${Math.random().toString(36).slice(2, 8)}`,
      description: 'Shipping reminders',
      senderNumberId: number.body.id,
      language: 'en',
      answerId: answer.body.id,
      schedule: WEEKDAYS_9_TO_17,
      slackChannelId: 'C0CAMPAIGN',
      ...overrides,
    })
    .expect(201);
  return { campaignId: campaign.body.id, senderNumberId: number.body.id, answerId: answer.body.id };
}

/** Uploads a CSV as the Slack bot does: multipart with the outreach start (and end). */
export function upload(
  service: ServiceHarness,
  campaignId: number,
  csv: string | Buffer,
  fields: { outreachStartAt?: string; outreachEndAt?: string; fileName?: string; contentType?: string } = {},
): request.Test {
  const test = service.post(`/campaigns/${campaignId}/recipient-lists`);
  if (fields.outreachStartAt !== undefined) test.field('outreachStartAt', fields.outreachStartAt);
  if (fields.outreachEndAt !== undefined) test.field('outreachEndAt', fields.outreachEndAt);
  return test.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), {
    filename: fields.fileName ?? 'recipients.csv',
    contentType: fields.contentType ?? 'text/csv',
  });
}
