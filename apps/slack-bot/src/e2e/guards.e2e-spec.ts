// The edges around the story, through the real bot, service and sandbox: files that are not lists (or
// try to lure the bot's token off Slack), the subcommands, the Add recipients button with its file_input,
// redelivered events, and an outbox item whose earlier attempt already posted before the bot "died".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { enqueueOutbox, OutboxMessage } from '@proactive-sms/persistence';
import type { Campaign } from '@proactive-sms/service-client';
import { fileShareMessageEvent, fileSharedEvent } from '@proactive-sms/slack-sandbox';
import { DateTime } from 'luxon';
import { outboxMetadata } from '../app/outbox/outbox-message.format';
import { CAMPAIGN_MESSAGE_ACTIONS } from '../app/views/campaign-message.view';
import { ADMIN, buttonsOf, eventually, type Harness, messageText, startHarness } from './bot-harness';

jest.setTimeout(60_000);

const CHANNEL = 'C0GENERAL';
const INBOX = 'C0INBOX';
const WEEKDAYS_OPEN = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
    d,
    { closed: false, open: '09:00', close: '17:00' },
  ]),
);

describe('the bot at its edges', () => {
  let h: Harness;
  let campaign: Campaign;
  let elsewhere: Server;
  let elsewhereHits = 0;

  beforeAll(async () => {
    // The outbox is drained by hand here, to stage an earlier attempt that posted.
    h = await startHarness({}, { background: false });
    elsewhere = createServer((_req, res) => {
      elsewhereHits += 1;
      res.end('timezone,phone_number\n');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const number = await h.service.createSenderNumber(ADMIN, {
      number: '+1 415 555 0199',
      label: 'Support',
      inboxChannelId: INBOX,
    });
    const answer = await h.service.createAnswer(ADMIN, {
      name: 'Reminder',
      language: 'en',
      body: 'Hi {{first_name}}, see you tomorrow.',
      defaultFirstName: 'there',
    });
    campaign = await h.service.createCampaign(ADMIN, {
      name: 'Spring reminders',
      senderNumberId: number.id,
      language: 'en',
      answerId: answer.id,
      schedule: WEEKDAYS_OPEN,
      slackChannelId: CHANNEL,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await new Promise((resolve) => elsewhere?.close(resolve));
  });

  function threadReplies(threadTs: string) {
    return h.sandbox.calls('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
  }

  async function share(name: string, content: string | Buffer, extra: { redirectTo?: string } = {}) {
    const file = h.sandbox.addFile({ name, content, channel: CHANNEL, user: ADMIN, ...extra });
    const event = fileShareMessageEvent(file, { channel: CHANNEL });
    await h.driver.event(event);
    const ts = String(event['ts']);
    return { file, ts, reply: await eventually(`the reply to ${name}`, () => threadReplies(ts)[0]) };
  }

  it('does not follow a download redirect off Slack (the token stays home)', async () => {
    const { reply } = await share('lure.csv', 'timezone,phone_number\n', {
      redirectTo: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/grab`,
    });
    expect(messageText(reply)).toContain('which is not Slack, so I did not follow it');
    expect(h.sandbox.calls('download').at(-1)).toMatchObject({ status: 302 });
    expect(elsewhereHits).toBe(0);
  });

  it('refuses a spreadsheet and an oversize CSV with a clear message, without downloading them', async () => {
    const downloads = h.sandbox.calls('download').length;
    const xlsx = await share('list.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(messageText(xlsx.reply)).toContain('is not a CSV file. Save the list as "CSV UTF-8');
    const big = await share('huge.csv', `timezone,phone_number\n${'America/New_York,1-555-123-4567\n'.repeat(40_000)}`);
    expect(messageText(big.reply)).toMatch(
      /is too large: the file is 1\.\d MiB; a recipient list may be at most 1 MiB/,
    );
    expect(h.sandbox.calls('download')).toHaveLength(downloads);
    expect(buttonsOf(big.reply)).toEqual([]);
  });

  it('processes a redelivered event when the first try failed, and drops it when the first try worked', async () => {
    const file = h.sandbox.addFile({
      name: 'retry.csv',
      content: 'America/New_York,1-555-123-4567\n',
      channel: CHANNEL,
      user: ADMIN,
    });
    h.sandbox.setFailure('files.info', { error: 'internal_error', times: 1 });
    const event = fileSharedEvent(file, { channel: CHANNEL });
    const eventId = h.driver.newEventId();
    await h.driver.event(event, { eventId });
    await h.sandbox.waitForCall('files.info', (c) => c.error === 'internal_error');
    const shareTs = file.shares.public![CHANNEL]![0]!.ts;
    // Slack redelivers up to three times; one of them is processed once the failed try has let go.
    for (let retryNum = 1; retryNum <= 3 && threadReplies(shareTs).length === 0; retryNum += 1) {
      await h.driver.event(event, { eventId, retryNum, retryReason: 'http_error' });
      await eventually(
        'the redelivery to be handled',
        () => threadReplies(shareTs).length > 0 || h.sandbox.calls('files.info').length > retryNum,
        5000,
      ).catch(() => undefined);
    }
    await eventually('the reply after the redelivery', () => threadReplies(shareTs)[0]);
    await h.driver.event(event, { eventId, retryNum: 3, retryReason: 'http_timeout' });
    await share('barrier.csv', 'America/New_York,1-555-123-4567\n');
    expect(threadReplies(shareTs)).toHaveLength(1);
  });

  it('answers help, list, status and unknown subcommands, and posts the CSV template', async () => {
    const said = async (text: string) => {
      const before = h.sandbox.calls('response_url').length;
      await h.driver.slashCommand({ command: '/sms-campaign', text, userId: ADMIN, channelId: CHANNEL });
      const call = await eventually(`the answer to "${text}"`, () => h.sandbox.calls('response_url')[before]);
      return JSON.stringify(call.args);
    };
    expect(await said('help')).toContain('/sms-campaign template');
    expect(await said('list')).toContain('Spring reminders');
    const status = await said('status spring');
    expect(status).toContain('Spring reminders');
    expect(status).toContain('No recipient list yet');
    expect(await said('status Autumn')).toContain('There is no campaign named');
    expect(await said('frobnicate')).toContain("I don't know `frobnicate`");

    await h.driver.slashCommand({ command: '/sms-campaign', text: 'template', userId: ADMIN, channelId: CHANNEL });
    const complete = await h.sandbox.waitForCall(
      'files.completeUploadExternal',
      (c) => c.args['channel_id'] === CHANNEL && !c.args['thread_ts'],
    );
    expect(String(complete.args['initial_comment'])).toContain('phone number with its country code');
    const upload = h.sandbox.calls('upload').find((c) => c.args['filename'] === 'recipient-list-template.csv')!;
    expect(Buffer.from(upload.bytesBase64!, 'base64').toString()).toContain('timezone,phone_number,name');
  });

  it('adds a list from the campaign message’s Add recipients button, with a file_input', async () => {
    const client = new webApi.WebClient(h.sandbox.botToken, {
      slackApiUrl: h.sandbox.apiUrl,
      retryConfig: { retries: 0 },
    });
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'Spring reminders (campaign message)' });
    const triggerId = h.driver.newTriggerId();
    await h.driver.blockAction({
      userId: ADMIN,
      triggerId,
      channel: CHANNEL,
      message: { ts: posted.ts! },
      actions: [
        {
          type: 'button',
          action_id: CAMPAIGN_MESSAGE_ACTIONS.addRecipients,
          block_id: 'campaign_actions',
          value: String(campaign.id),
        },
      ],
    });
    await h.sandbox.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    const modal = await eventually('the modal with a file input', () =>
      h.sandbox
        .views()
        .find((v) => v.callback_id === 'recipients_add' && JSON.stringify(v.blocks).includes('file_input')),
    );
    const tomorrow = DateTime.utc().plus({ days: 1 }).toISODate()!;
    const notCsv = h.sandbox.addFile({ name: 'notes.txt', content: 'hello', user: ADMIN });
    const refused = await h.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        file: { file_select: [notCsv.id] },
        outreach_start_date: { start_date: tomorrow },
        outreach_start_time: { start_time: '10:00' },
      },
    });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { file: expect.stringContaining('is not a CSV file') },
    });

    const csv = h.sandbox.addFile({
      name: 'spring.csv',
      content: 'Europe/Paris,33 6 12 34 56 78,Élodie\n',
      user: ADMIN,
    });
    const accepted = await h.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        file: { file_select: [csv.id] },
        outreach_start_date: { start_date: tomorrow },
        outreach_start_time: { start_time: '10:00' },
      },
    });
    expect(accepted).toMatchObject({ status: 200, body: '' });
    const reply = await h.sandbox.waitForCall('chat.postMessage', (c) => c.args['thread_ts'] === posted.ts);
    expect(messageText(reply)).toContain('added *spring.csv* to *Spring reminders*: 1 recipient scheduled');
    expect((await h.service.getCampaign(campaign.id)).lists).toEqual([
      expect.objectContaining({ fileName: 'spring.csv', recipients: 1, outreachStartAt: `${tomorrow}T10:00` }),
    ]);
  });

  it('does not post an outbox item again when an earlier attempt already posted it', async () => {
    const orm = await h.database();
    await enqueueOutbox(orm.em.fork(), {
      kind: 'reply',
      channelId: INBOX,
      payload: { phone: '+15550001111', body: 'Thanks!', senderLabel: 'Support', senderNumber: '+14155550199' },
    });
    // An earlier bot took the item, posted it, and died before telling the service.
    const [taken] = await h.service.takeOutbox('system:e2e-crashed-bot', 1);
    const client = new webApi.WebClient(h.sandbox.botToken, {
      slackApiUrl: h.sandbox.apiUrl,
      retryConfig: { retries: 0 },
    });
    const earlier = await client.chat.postMessage({
      channel: INBOX,
      text: 'Thanks! (posted before the crash)',
      metadata: outboxMetadata(taken!.id),
    });
    await h.service.outboxFailed('system:e2e-crashed-bot', taken!.id, 'the bot died');

    const row = await eventually('the item settled by the new bot', async () => {
      await h.bot.outbox.drainOnce();
      const found = await orm.em.fork().findOne(OutboxMessage, taken!.id);
      return found?.deliveredAt ? found : undefined;
    });
    expect(row.slackTs).toBe(earlier.ts);
    expect(row.attempts).toBe(2);
    const posts = h.sandbox
      .calls('chat.postMessage')
      .filter((c) => JSON.stringify(c.args['metadata'] ?? {}).includes(`"outboxId":${taken!.id}`));
    expect(posts).toHaveLength(1);
  });
});
