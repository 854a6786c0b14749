// The whole story through the real bot and the real campaign service, with Slack played by the local
// sandbox: an answer and a number through the bot's modals, /sms-campaign, a refused CSV and its error
// log, the fixed CSV added with its forecast, replies relayed (also while Slack fails), the digest, App
// Home — and a non-admin or a forged request changing nothing.
import { AuditEntry, enqueueOutbox, OutboxMessage } from '@proactive-sms/persistence';
import type { Campaign } from '@proactive-sms/service-client';
import {
  fileShareMessageEvent,
  fileSharedEvent,
  type RecordedCall,
  type SandboxView,
} from '@proactive-sms/slack-sandbox';
import { DateTime } from 'luxon';
import { ADD_FROM_FILE_ACTION } from '../app/views/recipient-messages.view';
import { CAMPAIGN_MESSAGE_ACTIONS } from '../app/views/campaign-message.view';
import { OUTBOX_EVENT_TYPE } from '../app/outbox/outbox-message.format';
import { ADMIN, buttonsOf, eventually, type Harness, MEMBER, messageText, startHarness } from './bot-harness';

jest.setTimeout(60_000);

const CHANNEL = 'C0GENERAL';
const INBOX = 'C0INBOX';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const tomorrow = DateTime.utc().plus({ days: 1 }).toISODate()!;
const yesterday = DateTime.utc().minus({ days: 1 }).toISODate()!;
const nextWeek = DateTime.utc().plus({ days: 8 }).toISODate()!;

describe('the Proactive SMS story, through Slack', () => {
  let h: Harness;
  let campaign: Campaign;
  let campaignMessage: RecordedCall;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Runs a slash command and returns the view the bot ended up showing for its trigger (after views.update). */
  async function command(text: string, userId = ADMIN, channelId = CHANNEL) {
    const triggerId = h.driver.newTriggerId();
    const response = await h.driver.slashCommand({ command: '/sms-campaign', text, userId, channelId, triggerId });
    return { response, triggerId };
  }

  function viewById(id: string): SandboxView {
    return h.sandbox.views().find((v) => v.id === id)!;
  }

  /** The view the bot shows for a command's trigger: opened, then possibly filled in by views.update. */
  async function openedView(triggerId: string, callbackId: string): Promise<SandboxView> {
    await h.sandbox.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    return eventually(`view ${callbackId}`, () =>
      h.sandbox
        .views()
        .filter((v) => v.callback_id === callbackId)
        .at(-1),
    );
  }

  async function auditCount(): Promise<number> {
    const orm = await h.database();
    return orm.em.fork().count(AuditEntry, {});
  }

  async function seedReply(phone: string, body: string): Promise<number> {
    const orm = await h.database();
    const em = orm.em.fork();
    await enqueueOutbox(em, {
      kind: 'reply',
      channelId: INBOX,
      payload: {
        phone,
        body,
        kind: 'message',
        senderNumber: '+14155550100',
        senderLabel: 'Support US',
        recipientName: 'Ana',
        campaignId: campaign.id,
        campaignName: campaign.name,
        receivedAt: new Date().toISOString(),
      },
    });
    const [row] = await em.find(OutboxMessage, {}, { orderBy: { id: 'desc' }, limit: 1 });
    return row!.id;
  }

  function relayed(outboxId: number) {
    return h.sandbox.messages(INBOX).filter((m) => {
      const metadata = m.metadata as { event_type?: string; event_payload?: { outboxId?: number } } | undefined;
      return metadata?.event_type === OUTBOX_EVENT_TYPE && metadata.event_payload?.outboxId === outboxId;
    });
  }

  it('registers a sender number and a Messaging Answer through the bot’s modals', async () => {
    const number = await command('number', ADMIN, INBOX);
    expect(number.response.status).toBe(200);
    const numberView = await openedView(number.triggerId, 'number_create');
    const registered = await h.driver.viewSubmission({
      userId: ADMIN,
      view: numberView,
      values: {
        number: { number_input: '1 (415) 555-0100' },
        label: { label_input: 'Support US' },
        inboxChannelId: { inbox_channel_select: INBOX },
      },
    });
    expect(registered).toMatchObject({ status: 200, body: '' });
    expect(await h.service.listSenderNumbers()).toEqual([
      expect.objectContaining({ number: '+14155550100', label: 'Support US', inboxChannelId: INBOX }),
    ]);

    const answer = await command('answer');
    const answerView = await openedView(answer.triggerId, 'answer_create');
    // Typing the body updates the live preview: encoding and segment count.
    const body = 'Hi {{first_name}}, your order ships tomorrow. Reply STOP to opt out.';
    await h.driver.blockAction({
      userId: ADMIN,
      view: answerView,
      values: { body: { body_input: body } },
      actions: [{ type: 'plain_text_input', action_id: 'body_input', block_id: 'body', value: body }],
    });
    const preview = await h.sandbox.waitForCall('views.update', (c) =>
      JSON.stringify(c.args['view']).includes('Preview'),
    );
    expect(JSON.stringify(preview.args['view'])).toContain('GSM-7 · 1 segment');
    expect(JSON.stringify(preview.args['view'])).toContain('Hi there, your order ships tomorrow.');

    const refused = await h.driver.viewSubmission({
      userId: ADMIN,
      view: answerView,
      values: { name: { name_input: 'Shipping' }, body: { body_input: 'Hi {{firstname}}' } },
    });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { body: expect.stringContaining('{{firstname}}') },
    });

    const created = await h.driver.viewSubmission({
      userId: ADMIN,
      view: answerView,
      values: { name: { name_input: 'Shipping' }, body: { body_input: body } },
    });
    expect(created).toMatchObject({ status: 200, body: '' });
    // A second language, seeded through the service API as an admin would script it.
    await h.service.createAnswer(ADMIN, {
      name: 'Envío',
      language: 'es',
      body: 'Hola {{first_name}}, su pedido sale mañana.',
      defaultFirstName: 'cliente',
    });
    expect((await h.service.listAnswers({ language: 'en' })).map((a) => a.name)).toEqual(['Shipping']);
  });

  it('/sms-campaign opens the modal at once, lists answers by language, refuses a bad schedule inline, then creates the campaign', async () => {
    const { response, triggerId } = await command('');
    expect(response.status).toBe(200);
    const open = await h.sandbox.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    expect(open.status).toBe(200);
    const viewId = (open.args['view'] as { callback_id: string }).callback_id;
    expect(viewId).toBe('campaign_loading'); // opened before the service was asked anything
    const form = await eventually('the filled-in campaign modal', () =>
      h.sandbox.views().find((v) => v.callback_id === 'campaign_create'),
    );
    const formText = JSON.stringify(form.blocks);
    expect(formText).toContain('Support US · +14155550100 · replies → #sms-inbox');
    expect(formText).toContain('Shipping');
    expect(formText).not.toContain('Envío');
    expect(formText).toContain('Shipping (GSM-7, 1 segment)'); // each answer option says what it costs

    // The language select dispatches: Spanish lists only the Spanish answer.
    await h.driver.blockAction({
      userId: ADMIN,
      view: form,
      values: { language: { language_select: 'es' } },
      actions: [
        {
          type: 'static_select',
          action_id: 'language_select',
          block_id: 'language',
          selected_option: { value: 'es', text: { type: 'plain_text', text: 'Spanish (es)' } },
        },
      ],
    });
    const spanish = await eventually('the modal listing Spanish answers', () => {
      const text = JSON.stringify(viewById(form.id).blocks);
      return text.includes('Envío') ? viewById(form.id) : undefined;
    });
    expect(JSON.stringify(spanish.blocks)).not.toContain('"Shipping"');
    await h.driver.blockAction({
      userId: ADMIN,
      view: spanish,
      values: { language: { language_select: 'en' } },
      actions: [
        {
          type: 'static_select',
          action_id: 'language_select',
          block_id: 'language',
          selected_option: { value: 'en', text: { type: 'plain_text', text: 'English (en)' } },
        },
      ],
    });
    const english = await eventually('the modal listing English answers again', () =>
      h.sandbox
        .views()
        .find(
          (v) => v.id === form.id && v.blocks.some((b) => (b as { block_id?: string }).block_id === 'answerId--en'),
        ),
    );
    const answerId = String((await h.service.listAnswers({ language: 'en' }))[0]!.id);
    const numberId = String((await h.service.listSenderNumbers())[0]!.id);
    const openEveryDay = Object.fromEntries(WEEKDAYS.map((day) => [`schedule.${day}.closed`, { closed_toggle: [] }]));
    const values = {
      name: { name_input: 'December shipping' },
      description: { description_input: 'Tell customers their order ships' },
      senderNumberId: { sender_number_select: numberId },
      language: { language_select: 'en' },
      'answerId--en': { answer_select: answerId },
      ...openEveryDay,
    };

    const bad = await h.driver.viewSubmission({
      userId: ADMIN,
      view: english,
      values: { ...values, 'schedule.monday.close': { close_time: '08:00' } },
    });
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { 'schedule.monday.close': expect.stringContaining('not after it opens') },
    });
    expect(await h.service.listCampaigns()).toEqual([]);

    const good = await h.driver.viewSubmission({ userId: ADMIN, view: english, values });
    expect(good).toMatchObject({ status: 200, body: '' });
    [campaign] = await h.service.listCampaigns();
    expect(campaign).toMatchObject({
      name: 'December shipping',
      slackChannelId: CHANNEL,
      status: 'active',
      schedule: { monday: { closed: false, open: '09:00', close: '17:00' } },
      createdBy: ADMIN,
    });
    campaignMessage = await h.sandbox.waitForCall(
      'chat.postMessage',
      (c) => c.args['channel'] === CHANNEL && messageText(c).includes('December shipping'),
    );
    expect(buttonsOf(campaignMessage).map((b) => b.actionId)).toEqual([
      CAMPAIGN_MESSAGE_ACTIONS.addRecipients,
      CAMPAIGN_MESSAGE_ACTIONS.status,
      CAMPAIGN_MESSAGE_ACTIONS.pause,
      CAMPAIGN_MESSAGE_ACTIONS.stop,
    ]);
  });

  /** The ts Slack gave a recorded chat.postMessage (the sandbox keeps the message). */
  function postedTs(call: RecordedCall): string {
    const channel = String(call.args['channel']);
    const message = h.sandbox
      .messages(channel)
      .find(
        (m) => m.text === call.args['text'] && (m.thread_ts ?? undefined) === (call.args['thread_ts'] ?? undefined),
      );
    return message!.ts;
  }

  /** Clicks Add to campaign on the bot's reply to a shared file and returns the modal it opens. */
  async function addToCampaign(reply: RecordedCall): Promise<SandboxView> {
    const button = buttonsOf(reply).find((b) => b.actionId === ADD_FROM_FILE_ACTION)!;
    const before = h.sandbox.calls('views.update').length;
    const triggerId = h.driver.newTriggerId();
    await h.driver.blockAction({
      userId: ADMIN,
      triggerId,
      channel: CHANNEL,
      message: { ts: postedTs(reply), text: String(reply.args['text']) },
      actions: [{ type: 'button', action_id: button.actionId, block_id: button.blockId, value: button.value }],
    });
    await h.sandbox.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    const update = await eventually('the Add recipients modal', () =>
      h.sandbox
        .calls('views.update')
        .slice(before)
        .find((c) => (c.args['view'] as { callback_id?: string }).callback_id === 'recipients_add'),
    );
    return viewById(String(update.args['view_id']));
  }

  function shareReply(threadTs: string) {
    return h.sandbox
      .calls('chat.postMessage')
      .filter((c) => c.args['thread_ts'] === threadTs && buttonsOf(c).some((b) => b.actionId === ADD_FROM_FILE_ACTION));
  }

  let badShareTs = '';

  it('answers a shared CSV in its thread; adding one with errors is refused there, with the error log uploaded', async () => {
    const bad = h.sandbox.addFile({
      name: 'december.csv',
      content: 'timezone,phone_number,name\nMars/Base,1-555-123-4567,Ana\nAmerica/New_York,1-555-123-4568,Bo\n',
      channel: CHANNEL,
      user: ADMIN,
    });
    const share = fileShareMessageEvent(bad, { channel: CHANNEL });
    badShareTs = String(share['ts']);
    const eventId = h.driver.newEventId();
    expect((await h.driver.event(share, { eventId })).status).toBe(200);
    // Slack also sends file_shared for the same share, and redelivers the message event: one reply only.
    await h.driver.event(fileSharedEvent(bad, { channel: CHANNEL }));
    await h.driver.event(share, { eventId, retryNum: 1, retryReason: 'http_timeout' });
    const reply = await eventually('the reply in the file thread', () => shareReply(badShareTs)[0]);
    expect(messageText(reply)).toContain('december.csv');
    expect(messageText(reply)).toContain('2 rows');
    expect(h.sandbox.calls('download')[0]).toMatchObject({ status: 200, token: h.sandbox.botToken });

    const modal = await addToCampaign(reply);
    expect(JSON.stringify(modal.blocks)).toContain("in each recipient's local time");
    const inThePast = await h.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        campaign: { campaign_select: String(campaign.id) },
        outreach_start_date: { start_date: yesterday },
        outreach_start_time: { start_time: '09:00' },
      },
    });
    expect(inThePast.body).toMatchObject({
      response_action: 'errors',
      errors: { outreach_start_date: expect.stringContaining('in the past') },
    });

    const submitted = await h.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        campaign: { campaign_select: String(campaign.id) },
        outreach_start_date: { start_date: tomorrow },
        outreach_start_time: { start_time: '09:00' },
      },
    });
    expect(submitted).toMatchObject({ status: 200, body: '' });
    const completed = await h.sandbox.waitForCall(
      'files.completeUploadExternal',
      (c) => c.args['thread_ts'] === badShareTs,
    );
    expect(completed.args['channel_id']).toBe(CHANNEL);
    const upload = h.sandbox.calls('upload').find((c) => c.args['filename'] === 'december-error-log.csv')!;
    expect(Buffer.from(upload.bytesBase64!, 'base64').toString()).toContain('Invalid Timezone');
    const refusal = h.sandbox
      .calls('chat.postMessage')
      .find((c) => c.args['thread_ts'] === badShareTs && messageText(c).includes('was not added'))!;
    expect(messageText(refusal)).toContain('Invalid Timezone');
    expect((await h.service.getCampaign(campaign.id)).lists).toEqual([]);
  });

  it('adds the fixed CSV: the thread gets the counts, the forecast and the list’s status', async () => {
    const good = h.sandbox.addFile({
      name: 'december-fixed.csv',
      content:
        'timezone,phone_number,name\nAmerica/Los_Angeles,1-555-123-4567,Ana\nAmerica/New_York,1-555-123-4568,Bo\nAmerica/New_York,1-555-123-4568,Bo again\n',
      channel: CHANNEL,
      user: ADMIN,
    });
    const share = fileShareMessageEvent(good, { channel: CHANNEL });
    await h.driver.event(share);
    const reply = await eventually('the reply to the fixed file', () => shareReply(String(share['ts']))[0]);
    expect(messageText(reply)).toContain('3 rows');
    // By now the duplicate announcements of the first file were long handled: still one reply there.
    expect(shareReply(badShareTs)).toHaveLength(1);

    const modal = await addToCampaign(reply);
    const submitted = await h.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        campaign: { campaign_select: String(campaign.id) },
        outreach_start_date: { start_date: tomorrow },
        outreach_start_time: { start_time: '09:00' },
        outreach_end: { end_toggle: ['ends'] },
        outreach_end_date: { end_date: nextWeek },
        outreach_end_time: { end_time: '17:00' },
      },
    });
    expect(submitted).toMatchObject({ status: 200, body: '' });
    const accepted = await h.sandbox.waitForCall(
      'chat.postMessage',
      (c) => c.args['thread_ts'] === share['ts'] && messageText(c).includes(':white_check_mark:'),
    );
    const text = messageText(accepted);
    expect(text).toContain('2 recipients');
    expect(text).toMatch(/Duplicates\*\\n1/);
    expect(text).toContain('First send');
    expect(text).toContain('Expected finish');
    expect(text).toMatch(/Will miss the end time\*\\n0/);
    expect(text).toContain('scheduled');
    const lists = (await h.service.getCampaign(campaign.id)).lists;
    expect(lists).toEqual([
      expect.objectContaining({
        fileName: 'december-fixed.csv',
        recipients: 2,
        duplicates: 1,
        outreachStartAt: `${tomorrow}T09:00`,
        outreachEndAt: `${nextWeek}T17:00`,
      }),
    ]);
  });

  it('relays a reply to the inbox channel of the number, in one thread per phone number', async () => {
    const first = await seedReply('+15551234567', 'Can I change the delivery address?');
    const posted = await eventually('the relayed reply', () => relayed(first)[0]);
    expect(posted.text).toContain('Can I change the delivery address?');
    expect(JSON.stringify(posted.blocks)).toContain('Ana (+15551234567)');

    const second = await seedReply('+15551234567', 'It is 12 Elm St <!channel>');
    const threaded = await eventually('the second reply', () => relayed(second)[0]);
    expect(threaded.thread_ts).toBe(posted.ts);
    expect(JSON.stringify(threaded.blocks)).toContain('&lt;!channel&gt;'); // a texter cannot ping the channel
    // The service hears back with Slack's ts, so the item is not offered again.
    const orm = await h.database();
    const rows = await eventually('both items marked delivered', async () => {
      const found = await orm.em.fork().find(OutboxMessage, { id: { $in: [first, second] } });
      return found.every((row) => row.deliveredAt !== null) ? found : undefined;
    });
    expect(rows.map((row) => row.slackTs).sort()).toEqual([posted.ts, threaded.ts].sort());
  });

  it('delays a reply while Slack fails, then posts it exactly once', async () => {
    h.sandbox.setFailure('chat.postMessage', { status: 500, times: 2 });
    const id = await seedReply('+15557654321', 'Hello?');
    await eventually('the reply after Slack recovered', () => relayed(id)[0], 40_000);
    const failures = h.sandbox.calls('chat.postMessage').filter((c) => c.status === 500);
    expect(failures).toHaveLength(2);
    const orm = await h.database();
    const row = await eventually('the item marked delivered', async () => {
      const found = await orm.em.fork().findOne(OutboxMessage, id);
      return found?.deliveredAt ? found : undefined;
    });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(relayed(id)).toHaveLength(1);
  });

  it('posts the daily digest in the campaign channel once a day, and shows the same on App Home', async () => {
    const run = await h.bot.digest.postDigest();
    expect(run.posted).toEqual([campaign.id]);
    const digest = await h.sandbox.waitForCall(
      'chat.postMessage',
      (c) => c.args['channel'] === CHANNEL && messageText(c).includes('Daily SMS digest'),
    );
    const text = messageText(digest);
    expect(text).toMatch(/░+ 0%/);
    expect(text).toContain('december-fixed.csv');
    expect(text).toContain('replies');
    expect(text).toContain('Expected finish');
    // A second run the same day (e.g. after a restart) finds today's digest in the channel and skips it.
    const again = await h.bot.digest.postDigest();
    expect(again).toMatchObject({ posted: [], skipped: [campaign.id] });
    expect(h.sandbox.calls('chat.postMessage').filter((c) => messageText(c).includes('Daily SMS digest'))).toHaveLength(
      1,
    );

    await h.driver.event({ type: 'app_home_opened', user: ADMIN, channel: 'D0ADMIN', tab: 'home' });
    const home = await h.sandbox.waitForCall('views.publish', (c) => c.args['user_id'] === ADMIN);
    expect(JSON.stringify(home.args['view'])).toContain('December shipping');
  });

  it('pauses and resumes from the campaign message, which follows the state', async () => {
    const pause = buttonsOf(campaignMessage).find((b) => b.actionId === CAMPAIGN_MESSAGE_ACTIONS.pause)!;
    const ts = postedTs(campaignMessage);
    await h.driver.blockAction({
      userId: ADMIN,
      channel: CHANNEL,
      message: { ts },
      actions: [{ type: 'button', action_id: pause.actionId, block_id: pause.blockId, value: pause.value }],
    });
    const updated = await h.sandbox.waitForCall('chat.update', (c) => c.args['ts'] === ts);
    expect(buttonsOf(updated).map((b) => b.actionId)).toContain(CAMPAIGN_MESSAGE_ACTIONS.resume);
    expect((await h.service.getCampaign(campaign.id)).status).toBe('paused');
    const { response } = await command(`resume ${campaign.name}`);
    expect(response.status).toBe(200);
    await eventually(
      'the campaign resumed',
      async () => (await h.service.getCampaign(campaign.id)).status === 'active',
    );
  });

  it('lets a non-admin change nothing: ephemeral refusals, no service write', async () => {
    const writes = await auditCount();
    const before = h.sandbox.calls('views.open').length;

    const { triggerId } = await command('', MEMBER);
    const refusal = await h.sandbox.waitForCall('response_url', (c) =>
      JSON.stringify(c.args).includes('Only Proactive SMS administrators'),
    );
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral' });
    expect(h.sandbox.calls('views.open').some((c) => c.args['trigger_id'] === triggerId)).toBe(false);

    await command(`stop ${campaign.name}`, MEMBER);
    const stop = buttonsOf(campaignMessage).find((b) => b.actionId === CAMPAIGN_MESSAGE_ACTIONS.stop)!;
    await h.driver.blockAction({
      userId: MEMBER,
      channel: CHANNEL,
      message: { ts: '1.000001' },
      actions: [{ type: 'button', action_id: stop.actionId, block_id: stop.blockId, value: stop.value }],
    });
    // A submission of the create modal forged by a non-admin is refused inline.
    const form = h.sandbox.views().find((v) => v.callback_id === 'campaign_create')!;
    const forged = await h.driver.viewSubmission({
      userId: MEMBER,
      view: form,
      values: { name: { name_input: 'Sneaky' } },
    });
    expect(forged.body).toMatchObject({
      response_action: 'errors',
      errors: { name: expect.stringContaining('Only Proactive SMS administrators') },
    });
    // A CSV a non-admin shares gets an ephemeral note, not an Add to campaign button.
    const file = h.sandbox.addFile({
      name: 'mine.csv',
      content: 'America/New_York,1-555-123-9999,Zed\n',
      channel: CHANNEL,
      user: MEMBER,
    });
    await h.driver.event(fileShareMessageEvent(file, { channel: CHANNEL }));
    await h.sandbox.waitForCall('chat.postEphemeral', (c) => c.args['user'] === MEMBER);

    await eventually(
      'three refusals',
      () =>
        h.sandbox
          .calls('response_url')
          .filter((c) => JSON.stringify(c.args).includes('Only Proactive SMS administrators')).length >= 3,
    );
    expect(await auditCount()).toBe(writes);
    expect(h.sandbox.calls('views.open')).toHaveLength(before);
    expect(await h.service.listCampaigns()).toEqual([expect.objectContaining({ id: campaign.id, status: 'active' })]);
  });

  it('refuses forged, stale and future-dated requests (401) and does nothing with them', async () => {
    const writes = await auditCount();
    const opens = h.sandbox.calls('views.open').length;
    const cases = [
      { signature: 'bad' as const },
      { signature: 'missing' as const },
      { timestamp: 'stale' as const },
      { timestamp: 'future' as const },
    ];
    for (const options of cases) {
      const response = await h.driver.slashCommand(
        { command: '/sms-campaign', text: `stop ${campaign.name}`, userId: ADMIN, channelId: CHANNEL },
        options,
      );
      expect({ options, status: response.status }).toEqual({ options, status: 401 });
    }
    const forgedEvent = await h.driver.event(
      { type: 'app_home_opened', user: ADMIN, channel: 'D0ADMIN', tab: 'home' },
      { timestamp: 'future' },
    );
    expect(forgedEvent.status).toBe(401);
    // A correctly signed request still goes through (and proves the refused ones left nothing behind).
    await command('help');
    await h.sandbox.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('/sms-campaign template'));
    expect(h.sandbox.calls('views.open')).toHaveLength(opens);
    expect(await auditCount()).toBe(writes);
    expect((await h.service.getCampaign(campaign.id)).status).toBe('active');
  });
});
