// A tiny real Bolt app (HTTP receiver, real WebClient) against the sandbox, driven by SlackDriver:
// the whole loop a Proactive SMS bot test will use. Bolt acknowledges first and works after, so the
// tests wait for the recorded call instead of sleeping.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { SlackDriver } from './driver';
import { fileShareMessageEvent } from './event-builders';
import { startSlackSandbox } from './sandbox-server';
import type { RecordedCall, SlackSandbox, SandboxView } from './sandbox-types';
import { quietLogger } from './spec-support';

const signingSecret = 'bolt-spec-secret';

const campaignModal = {
  type: 'modal' as const,
  callback_id: 'campaign_create',
  title: { type: 'plain_text' as const, text: 'New campaign' },
  submit: { type: 'plain_text' as const, text: 'Create' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'name',
      label: { type: 'plain_text' as const, text: 'Name' },
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
  ],
};

describe('a real Bolt app against the sandbox', () => {
  let sandbox: SlackSandbox;
  let app: App;
  let driver: SlackDriver;
  let authAtStart: RecordedCall;

  beforeAll(async () => {
    sandbox = await startSlackSandbox();
    app = new App({
      token: sandbox.botToken,
      signingSecret,
      logger: quietLogger,
      clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger },
    });
    app.command('/sms-campaign', async ({ ack, command, client }) => {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: campaignModal });
      await client.chat.postMessage({
        channel: command.channel_id,
        text: `<@${command.user_id}> is creating a campaign`,
      });
    });
    app.view('campaign_create', async ({ ack, view }) => {
      const name = view.state.values['name']?.['value']?.value;
      await (name ? ack() : ack({ response_action: 'errors', errors: { name: 'Give the campaign a name' } }));
    });
    app.message(async ({ message, client }) => {
      if (message.subtype !== 'file_share') return;
      for (const shared of message.files ?? []) {
        const { file } = await client.files.info({ file: shared.id });
        const csv = await fetch(file!.url_private_download!, {
          headers: { authorization: `Bearer ${sandbox.botToken}` },
        });
        const rows = (await csv.text()).trim().split('\n').length - 1;
        await client.files.uploadV2({
          channel_id: message.channel,
          thread_ts: message.ts,
          file: Buffer.from(`rows\n${rows}\n`),
          filename: 'summary.csv',
          initial_comment: `${rows} recipients read`,
        });
      }
    });
    const server = (await app.start(0)) as Server;
    const { port } = server.address() as AddressInfo;
    driver = new SlackDriver({
      botUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret,
      responseUrlBase: sandbox.url,
    });
    authAtStart = await sandbox.waitForCall('auth.test');
  });
  beforeEach(() => sandbox.reset());
  afterAll(async () => {
    await app.stop();
    await sandbox.stop();
  });

  it('called auth.test at start', () => {
    expect(authAtStart).toMatchObject({ status: 200, token: sandbox.botToken });
  });

  /** Runs the slash command and returns the modal the bot opened in answer. */
  async function openCampaignModal(): Promise<SandboxView> {
    const triggerId = driver.newTriggerId();
    await driver.slashCommand({ command: '/sms-campaign', userId: 'U0ADMIN', channelId: 'C0INBOX', triggerId });
    await sandbox.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    // The handler posts after opening: wait for it so nothing lands in the next test's record.
    await sandbox.waitForCall('chat.postMessage');
    return sandbox.views().find((v) => v.callback_id === 'campaign_create')!;
  }

  it('acknowledges a signed slash command, then opens the modal with its trigger_id and posts to the channel', async () => {
    const triggerId = driver.newTriggerId();
    const response = await driver.slashCommand({
      command: '/sms-campaign',
      text: '',
      userId: 'U0ADMIN',
      channelId: 'C0INBOX',
      triggerId,
    });
    expect(response.status).toBe(200);

    const post = await sandbox.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C0INBOX');
    expect(post.args['text']).toBe('<@U0ADMIN> is creating a campaign');
    const opened = sandbox.calls('views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.args).toMatchObject({ trigger_id: triggerId, view: { callback_id: 'campaign_create' } });
    expect(opened[0]!.seq).toBeLessThan(post.seq);
  });

  it('returns field errors for an empty submission of the view the bot opened, and accepts a filled one', async () => {
    const view = await openCampaignModal();
    const empty = await driver.viewSubmission({ userId: 'U0ADMIN', view });
    expect(empty).toMatchObject({
      status: 200,
      body: { response_action: 'errors', errors: { name: 'Give the campaign a name' } },
    });
    const filled = await driver.viewSubmission({ userId: 'U0ADMIN', view, values: { name: { value: 'Spring' } } });
    expect(filled).toMatchObject({ status: 200, body: '' });
  });

  it('reads a shared CSV with its token and answers in the file thread with files.uploadV2', async () => {
    const file = sandbox.addFile({
      name: 'recipients.csv',
      content: 'phone\n+14155550100\n+14155550101\n',
      channel: 'C0INBOX',
      user: 'U0ADMIN',
    });
    const event = fileShareMessageEvent(file, { channel: 'C0INBOX' });
    expect((await driver.event(event)).status).toBe(200);

    const complete = await sandbox.waitForCall('files.completeUploadExternal');
    expect(complete.args).toMatchObject({
      channel_id: 'C0INBOX',
      thread_ts: event['ts'],
      initial_comment: '2 recipients read',
    });
    expect(sandbox.calls('download')).toEqual([expect.objectContaining({ status: 200, token: sandbox.botToken })]);
    const upload = sandbox.calls('upload')[0]!;
    expect(Buffer.from(upload.bytesBase64!, 'base64').toString()).toBe('rows\n2\n');
  });

  it('is refused by Bolt with a bad signature or a stale timestamp, and answers url_verification', async () => {
    const bad = await driver.slashCommand(
      { command: '/sms-campaign', userId: 'U0ADMIN', channelId: 'C0INBOX' },
      { signature: 'bad' },
    );
    const stale = await driver.slashCommand(
      { command: '/sms-campaign', userId: 'U0ADMIN', channelId: 'C0INBOX' },
      { timestamp: 'stale' },
    );
    expect([bad.status, stale.status]).toEqual([401, 401]);
    const verification = await driver.urlVerification({ challenge: 'c-123' });
    expect(verification.body).toEqual({ challenge: 'c-123' });
  });
});
