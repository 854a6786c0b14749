// The whole story, end to end, as part of `npm test`: the real campaign service, dispatcher and Slack bot
// as processes (exactly as `npm start` runs them), the Slack and MessageBird sandboxes, one simulated
// clock — on SQLite and on PostgreSQL. It asserts what each party saw: the Slack calls the Slack sandbox
// recorded, the texts the MessageBird sandbox received, and the rows in the database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { RemoteMessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { openDatabase, parseDatabaseUrl, queryRows, toDate } from '@proactive-sms/persistence';
import { createTemporaryDatabase, type DatabaseKind, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import { RemoteSlackSandbox } from '@proactive-sms/slack-sandbox';
import { DateTime } from 'luxon';
import { type DemoStack, startDemoStack, storyEndpoints } from './demo-stack';
import { runStory, type StoryResult } from './story';
import { CAMPAIGN_CHANNEL, INBOX_CHANNEL, RECIPIENTS } from './story-plan';
import { RecordingTimeline } from './timeline';

jest.setTimeout(240_000);

/**
 * The demo's pace: a story day in about 80 real seconds, and at least a minute for the stack to start and
 * the admin's setup before Berlin's Monday window closes, on a busy CI machine too.
 */
const RATE = 720;

describe.each<DatabaseKind>(['sqlite', 'postgresql'])('the whole story on %s', (kind) => {
  let database: TemporaryDatabase;
  let dataDir: string;
  let demo: DemoStack;
  let orm: MikroORM;
  const logs: string[] = [];
  const timeline = new RecordingTimeline();
  let result: StoryResult;

  beforeAll(async () => {
    database = await createTemporaryDatabase(kind);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'story-'));
    demo = await startDemoStack({
      databaseUrl: database.url,
      dataDir,
      rate: RATE,
      env: process.env,
      log: (app, line) => logs.push(`[${app}] ${line}`),
    });
    try {
      result = await runStory({ ...storyEndpoints(demo.stack), clock: demo.clock, timeline, patienceMs: 60_000 });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- the apps' last log lines ---\n${logs.slice(-60).join('\n')}`);
    }
    orm = await openDatabase(parseDatabaseUrl(database.url));
  });

  afterAll(async () => {
    await orm?.close(true);
    await demo?.stack.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('observes every step of the story, in order', () => {
    expect(timeline.steps.map((step) => step.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    expect(timeline.observations).toHaveLength(7);
  });

  it('Slack saw the modal, the campaign, the refused file with its error log, the accepted file, the inbox and the digest', async () => {
    const slack = new RemoteSlackSandbox(demo.stack.urls.slackSandbox!);
    const opened = await slack.calls('views.open');
    expect(opened.map((c) => (c.args['view'] as { callback_id: string }).callback_id)).toEqual([
      'campaign_loading',
      'recipients_loading',
      'recipients_loading',
    ]);
    expect(result.campaignChannelMessage.args['channel']).toBe(CAMPAIGN_CHANNEL);

    expect(result.errorLog.fileName).toBe('december-customers-error-log.csv');
    const errorRows = result.errorLog.content.trim().split(/\r?\n/);
    expect(errorRows).toHaveLength(3); // the header and the two rows with mistakes
    expect(errorRows[1]).toMatch(/^Invalid Timezone,3,.*America\/New_York.*,EST,/);
    expect(errorRows[2]).toMatch(/^Invalid Phone Number,4,.*missing its country code.*1-310-555-0199/);

    const inbox = (await slack.calls('chat.postMessage')).filter((c) => c.args['channel'] === INBOX_CHANNEL);
    expect(inbox).toHaveLength(2);
    expect(String(inbox[0]!.args['text'])).toContain('Lena (+493023125042) opted out');
    expect(String(inbox[1]!.args['text'])).toContain('Can I change the delivery address?');

    expect(result.digest.args['channel']).toBe(CAMPAIGN_CHANNEL);
    expect(String(result.digest.args['text'])).toContain(
      'sent 3 · delivered 3 · failed 0 · unknown 0 · opted out 1 · replies 1',
    );
  });

  it('each phone got the campaign text once, at its own 09:00 window opening, and Lena her opt-out confirmation', async () => {
    const phones = new RemoteMessageBirdSandbox(demo.stack.urls.messagebirdSandbox!);
    const texts = await phones.messages();
    expect(texts.map((t) => [t.recipient.replace(/^\+?/, '+'), t.body]).sort()).toEqual(
      [
        ['+12125550142', 'Hi Maya, your order ships tomorrow. Reply STOP to opt out.'],
        ['+13105550199', 'Hi Leo, your order ships tomorrow. Reply STOP to opt out.'],
        ['+493023125042', 'Hi Lena, your order ships tomorrow. Reply STOP to opt out.'],
        ['+493023125042', expect.stringContaining('you are unsubscribed')],
      ].sort(),
    );
    expect((await phones.stats()).refused429).toBe(0);
    // In the order their windows open: Berlin, New York, Los Angeles — each on Monday, 09:00–17:00 there.
    expect(result.texts.map((t) => t.recipient.city)).toEqual(['Berlin', 'New York', 'Los Angeles']);
    for (const text of result.texts) {
      const local = DateTime.fromJSDate(text.sentAt, { zone: text.recipient.zone });
      expect(local.weekday).toBe(1);
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(local.hour).toBeLessThan(17);
    }
  });

  it('the database holds each recipient due at 09:00 local, sent once and delivered, the opt-out, the replies and the refused upload', async () => {
    const em = orm.em.fork();
    const recipients = await queryRows<{
      phone: string;
      timezone: string;
      due_at: unknown;
      state: string;
      attempts: number;
    }>(em, `select phone, timezone, due_at, state, attempts from recipients order by line`);
    expect(recipients.map((r) => [r.phone, r.state, Number(r.attempts)])).toEqual(
      RECIPIENTS.map((r) => [r.phone, 'delivered', 1]),
    );
    for (const row of recipients) {
      const due = DateTime.fromJSDate(toDate(row.due_at)!, { zone: row.timezone });
      expect(due.toFormat('ccc HH:mm')).toBe('Mon 09:00');
    }
    const optOuts = await queryRows<{ phone: string }>(em, `select phone from opt_outs where lifted_at is null`);
    expect(optOuts.map((o) => o.phone)).toEqual(['+493023125042']);
    const inbound = await queryRows<{ phone: string; kind: string }>(
      em,
      `select phone, kind from inbound_messages order by id`,
    );
    expect(inbound.map((i) => [i.phone, i.kind])).toEqual([
      ['+493023125042', 'opt_out'],
      ['+12125550142', 'message'],
    ]);
    const [refused] = await queryRows<{ count: number | string }>(em, `select count(*) as count from refused_uploads`);
    expect(Number(refused!.count)).toBe(1);
    const lists = await queryRows<{ file_name: string; status: string }>(
      em,
      `select file_name, status from recipient_lists`,
    );
    expect(lists).toEqual([{ file_name: 'december-customers-fixed.csv', status: 'completed' }]);
    const [campaign] = await queryRows<{ status: string }>(em, `select status from campaigns`);
    expect(campaign!.status).toBe('completed');
  });
});
