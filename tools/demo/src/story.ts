// The Proactive SMS story, played against a running stack exactly as its users would meet it: an admin in
// Slack (signed requests to the bot, as Slack sends them), customers' phones (the MessageBird sandbox's
// texts and inbound webhooks), and the clock. Every step waits until the party it concerns has seen the
// result — a Slack call recorded by the Slack sandbox, an SMS recorded by the MessageBird sandbox — and
// throws `NotObserved` when it does not come, or when what came breaks a rule (texted twice, or outside
// the recipient's window).
import { type SimulatedClock, simulatedNowMs } from '@proactive-sms/domain';
import { RemoteMessageBirdSandbox, type SandboxMessage } from '@proactive-sms/messagebird-sandbox';
import { CampaignServiceClient, type ListRecipient } from '@proactive-sms/service-client';
import {
  buttonsOf,
  fileShareMessageEvent,
  messageText,
  type RecordedCall,
  RemoteSlackSandbox,
  SlackDriver,
  type SandboxView,
} from '@proactive-sms/slack-sandbox';
import { DateTime } from 'luxon';
import {
  ADMIN,
  ANSWER_NAME,
  CAMPAIGN_CHANNEL,
  CAMPAIGN_NAME,
  CSV_FIXED,
  CSV_WITH_MISTAKES,
  digestDue,
  INBOX_CHANNEL,
  OPEN_DAYS,
  outreachDate,
  OUTREACH_TIME,
  type Recipient,
  RECIPIENTS,
  windowOpening,
} from './story-plan';
import type { Timeline } from './timeline';

export interface StoryContext {
  urls: { slackEvents: string; slackSandbox: string; messagebirdSandbox: string; service: string };
  /** The campaign service's token: the story reads what the dispatcher recorded through its API. */
  serviceToken: string;
  /** The secret the bot checks Slack's signatures with. */
  signingSecret: string;
  clock: SimulatedClock;
  timeline: Timeline;
  /** Real milliseconds any one thing may take to show before its step fails (default 30 s). */
  patienceMs?: number;
}

export interface SentText {
  recipient: Recipient;
  message: SandboxMessage;
  /** The dispatcher's record of it, through the campaign service. */
  row: ListRecipient;
  /** Simulated instant MessageBird accepted it. */
  sentAt: Date;
}

export interface StoryResult {
  campaignChannelMessage: RecordedCall;
  errorLog: { fileName: string; content: string };
  texts: SentText[];
  optOutConfirmation: SandboxMessage;
  inboxPosts: RecordedCall[];
  digest: RecordedCall;
}

export class NotObserved extends Error {}

const ADD_FROM_FILE_ACTION = 'recipients_add_from_file';
const OUTBOX_EVENT = 'proactive_sms_outbox';
const DIGEST_EVENT = 'proactive_sms_digest';
/** A customer answers a few simulated minutes after the text arrives. */
const REPLY_AFTER_MS = 5 * 60_000;
const POLL_MS = 200;

export async function runStory(context: StoryContext): Promise<StoryResult> {
  return new Story(context).run();
}

class Story {
  private readonly slack: RemoteSlackSandbox;
  private readonly phones: RemoteMessageBirdSandbox;
  private readonly service: CampaignServiceClient;
  private readonly driver: SlackDriver;
  private readonly timeline: Timeline;
  private readonly patienceMs: number;
  private readonly start: DateTime;

  constructor(private readonly context: StoryContext) {
    this.slack = new RemoteSlackSandbox(context.urls.slackSandbox);
    this.phones = new RemoteMessageBirdSandbox(context.urls.messagebirdSandbox);
    this.service = new CampaignServiceClient({ baseUrl: context.urls.service, token: context.serviceToken });
    this.driver = new SlackDriver({
      botUrl: context.urls.slackEvents,
      signingSecret: context.signingSecret,
      responseUrlBase: `${context.urls.slackSandbox}/response-url`,
    });
    this.timeline = context.timeline;
    this.patienceMs = context.patienceMs ?? 30_000;
    this.start = DateTime.fromMillis(this.now().getTime(), { zone: 'Europe/Berlin' });
  }

  async run(): Promise<StoryResult> {
    const campaignChannelMessage = await this.createCampaign();
    const errorLog = await this.shareListWithMistakes();
    await this.shareFixedList();
    const { texts, optOutConfirmation, inboxPosts } = await this.sendAndReply();
    const digest = await this.digest();
    return { campaignChannelMessage, errorLog, texts, optOutConfirmation, inboxPosts, digest };
  }

  // --- 1. the campaign, through /sms-campaign --------------------------------------------------------

  private async createCampaign(): Promise<RecordedCall> {
    this.timeline.step('1. An admin runs /sms-campaign and fills in the Create SMS Campaign modal');
    const triggerId = this.driver.newTriggerId();
    const command = await this.driver.slashCommand({
      command: '/sms-campaign',
      userId: ADMIN,
      channelId: CAMPAIGN_CHANNEL,
      triggerId,
    });
    if (command.status !== 200) throw new NotObserved(`the bot answered /sms-campaign with HTTP ${command.status}`);
    const opened = await this.waitForCall('the modal to open', 'views.open', (c) => c.args['trigger_id'] === triggerId);
    const form = await this.eventually('the Create SMS Campaign form', async () =>
      (await this.slack.views()).find((v) => v.callback_id === 'campaign_create'),
    );
    this.slackEntry(opened, `modal "${titleOf(form)}" opened (loading view first, then the form)`);

    const sender = optionsOf(form, 'senderNumberId')[0];
    if (!sender) throw new NotObserved('the modal offers no SMS-capable sender number (is the stack seeded?)');
    const answer = optionsOf(form, 'answerId--en').find((o) => o.text.includes(ANSWER_NAME));
    if (!answer) throw new NotObserved(`the modal offers no English Messaging Answer named "${ANSWER_NAME}"`);
    const openDays = Object.fromEntries(OPEN_DAYS.map((day) => [`schedule.${day}.closed`, { closed_toggle: [] }]));
    const submitted = await this.driver.viewSubmission({
      userId: ADMIN,
      view: form,
      values: {
        name: { name_input: CAMPAIGN_NAME },
        description: { description_input: 'Tell customers their December order ships tomorrow' },
        senderNumberId: { sender_number_select: sender.value },
        language: { language_select: 'en' },
        'answerId--en': { answer_select: answer.value },
        ...openDays,
      },
    });
    if (submitted.status !== 200 || submitted.body !== '') {
      throw new NotObserved(`the modal was not accepted: ${JSON.stringify(submitted.body)}`);
    }
    this.timeline.record({
      party: 'slack',
      at: this.now(),
      text: `submitted: "${CAMPAIGN_NAME}", from ${sender.text}, answer ${answer.text}`,
      detail: ['schedule: Monday–Friday 09:00–17:00 in each recipient’s zone; Saturday and Sunday left Closed'],
    });
    const posted = await this.waitForCall(
      'the campaign message in #general',
      'chat.postMessage',
      (c) => c.args['channel'] === CAMPAIGN_CHANNEL && messageText(c).includes(CAMPAIGN_NAME) && !c.args['thread_ts'],
    );
    this.slackEntry(posted, `#general: ${firstLine(posted)}`);
    this.timeline.observed('campaign created through the modal; its message is in #general');
    return posted;
  }

  // --- 2. a CSV with mistakes ------------------------------------------------------------------------

  private async shareListWithMistakes(): Promise<{ fileName: string; content: string }> {
    this.timeline.step(`2. The admin shares ${CSV_WITH_MISTAKES.name} in #general — it has mistakes`);
    const shareTs = await this.shareAndAdd(CSV_WITH_MISTAKES);
    const refusal = await this.waitForCall(
      'the refusal in the file’s thread',
      'chat.postMessage',
      (c) => c.args['thread_ts'] === shareTs && messageText(c).includes('was not added'),
    );
    await this.waitForCall(
      'the error log shared in the thread',
      'files.completeUploadExternal',
      (c) => c.args['thread_ts'] === shareTs,
    );
    const upload = (await this.slack.calls('upload')).find((c) => String(c.args['filename']).endsWith('error-log.csv'));
    if (!upload?.bytesBase64) throw new NotObserved('the error log CSV was not uploaded');
    const content = Buffer.from(upload.bytesBase64, 'base64').toString('utf8');
    this.slackEntry(refusal, `thread: ${firstLine(refusal)}`);
    this.slackEntry(upload, `thread: ${String(upload.args['filename'])} attached`, content.trim().split(/\r?\n/));
    this.timeline.observed('the refused upload got its error log CSV as a threaded reply; nothing was stored');
    return { fileName: String(upload.args['filename']), content };
  }

  // --- 3. the corrected CSV --------------------------------------------------------------------------

  private async shareFixedList(): Promise<void> {
    this.timeline.step(`3. The admin shares the corrected ${CSV_FIXED.name}`);
    const shareTs = await this.shareAndAdd(CSV_FIXED);
    const accepted = await this.waitForCall(
      'the accepted list in the file’s thread',
      'chat.postMessage',
      (c) => c.args['thread_ts'] === shareTs && messageText(c).includes(':white_check_mark:'),
    );
    this.slackEntry(accepted, `thread: ${firstLine(accepted)}`, sectionsOf(accepted));
    this.timeline.observed('the corrected list was added: 3 recipients scheduled, with a forecast');
  }

  /** Shares a file in #general, clicks the bot's Add to campaign, submits the modal; returns the share's ts. */
  private async shareAndAdd(csv: { name: string; content: string }): Promise<string> {
    const file = await this.slack.addFile({ ...csv, channel: CAMPAIGN_CHANNEL, user: ADMIN });
    const share = fileShareMessageEvent(file, { channel: CAMPAIGN_CHANNEL });
    const shareTs = String(share['ts']);
    const delivered = await this.driver.event(share);
    if (delivered.status !== 200)
      throw new NotObserved(`the bot answered the file share with HTTP ${delivered.status}`);
    this.timeline.record({ party: 'slack', at: this.now(), text: `#general: admin shares ${csv.name}` });
    const reply = await this.waitForCall(
      `the bot's reply to ${csv.name}`,
      'chat.postMessage',
      (c) => c.args['thread_ts'] === shareTs && buttonsOf(c).some((b) => b.actionId === ADD_FROM_FILE_ACTION),
    );
    this.slackEntry(reply, `thread: ${firstLine(reply)} [Add to campaign]`);

    const replyMessage = await this.eventually('the reply in the channel history', async () =>
      (await this.slack.messages(CAMPAIGN_CHANNEL)).find(
        (m) => m.thread_ts === shareTs && m.text === reply.args['text'],
      ),
    );
    const button = buttonsOf(reply).find((b) => b.actionId === ADD_FROM_FILE_ACTION)!;
    const updatesBefore = (await this.slack.calls('views.update')).length;
    await this.driver.blockAction({
      userId: ADMIN,
      channel: CAMPAIGN_CHANNEL,
      message: { ts: replyMessage.ts, text: replyMessage.text },
      actions: [{ type: 'button', action_id: button.actionId, block_id: button.blockId, value: button.value }],
    });
    const modal = await this.eventually('the Add recipients modal', async () => {
      const update = (await this.slack.calls('views.update'))
        .slice(updatesBefore)
        .find((c) => (c.args['view'] as { callback_id?: string }).callback_id === 'recipients_add');
      return update ? (await this.slack.views()).find((v) => v.id === update.args['view_id']) : undefined;
    });
    const campaign = optionsOf(modal, 'campaign').find((o) => o.text.includes(CAMPAIGN_NAME));
    if (!campaign) throw new NotObserved(`the Add recipients modal does not offer "${CAMPAIGN_NAME}"`);
    const date = outreachDate(this.start);
    const submitted = await this.driver.viewSubmission({
      userId: ADMIN,
      view: modal,
      values: {
        campaign: { campaign_select: campaign.value },
        outreach_start_date: { start_date: date },
        outreach_start_time: { start_time: OUTREACH_TIME },
      },
    });
    if (submitted.status !== 200 || submitted.body !== '') {
      throw new NotObserved(`the Add recipients modal was not accepted: ${JSON.stringify(submitted.body)}`);
    }
    this.timeline.record({
      party: 'slack',
      at: this.now(),
      text: `Add recipients: outreach ${DateTime.fromISO(date).toFormat('ccc d LLL')} ${OUTREACH_TIME}, each recipient's local time`,
    });
    return shareTs;
  }

  // --- 4. texts at each window opening, replies, reports ---------------------------------------------

  private async sendAndReply(): Promise<Pick<StoryResult, 'texts' | 'optOutConfirmation' | 'inboxPosts'>> {
    this.timeline.step('4. The dispatcher texts each recipient when their window opens, 09:00 where they are');
    const texts = new Map<string, SentText>();
    const replied = new Set<string>();
    const reported = new Set<string>();
    const inboxSeen = new Set<number>();
    const inboxPosts: RecordedCall[] = [];
    let optOutConfirmation: SandboxMessage | undefined;
    const openings = RECIPIENTS.map((recipient) => ({ recipient, at: windowOpening(recipient, this.start) })).sort(
      (a, b) => a.at.toMillis() - b.at.toMillis(),
    );
    const waitingFrom = this.now();
    const lastOpening = openings.at(-1)!.at.toJSDate();
    // Until the last window has opened, plus the patience for everything to settle.
    const deadline =
      Date.now() + (lastOpening.getTime() - waitingFrom.getTime()) / this.context.clock.rate + this.patienceMs;
    const expectedInbox = RECIPIENTS.filter((r) => r.reply).length;
    const campaign = (await this.service.listCampaigns()).find((c) => c.name === CAMPAIGN_NAME);
    const listId = campaign && (await this.service.getCampaign(campaign.id)).lists[0]?.id;
    if (!listId) throw new NotObserved(`"${CAMPAIGN_NAME}" has no recipient list`);

    for (;;) {
      const [messages, reports, inbox, rows] = await Promise.all([
        this.phones.messages(),
        this.phones.reports(),
        this.slack.calls('chat.postMessage'),
        this.service.listRecipients(listId).then((page) => page.items),
      ]);
      for (const message of messages) {
        const recipient = RECIPIENTS.find((r) => sameNumber(r.phone, message.recipient));
        if (!recipient) continue;
        if (message.reference === null || !/^opt_out-/.test(message.reference)) {
          if (texts.has(recipient.phone)) {
            if (texts.get(recipient.phone)!.message.id !== message.id) {
              throw new NotObserved(`${recipient.name} in ${recipient.city} was texted twice`);
            }
            continue;
          }
          // The sandbox stamps whole seconds (minutes at this clock's pace): the dispatcher's record is exact.
          const row = rows.find((r) => sameNumber(r.phone, recipient.phone) && r.sentAt !== null);
          if (!row) continue;
          const sent = { recipient, message, row, sentAt: new Date(row.sentAt!) };
          this.checkWindow(sent);
          texts.set(recipient.phone, sent);
          const local = DateTime.fromJSDate(sent.sentAt, { zone: recipient.zone });
          this.timeline.record({
            party: 'sms-out',
            at: sent.sentAt,
            text: `${recipient.name} (${recipient.phone}) at ${local.toFormat('ccc HH:mm')} ${recipient.city} time: "${message.body}"`,
          });
        } else if (!optOutConfirmation) {
          optOutConfirmation = message;
          this.timeline.record({ party: 'sms-out', at: this.now(), text: `${recipient.name}: "${message.body}"` });
        }
      }
      for (const report of reports) {
        const text = [...texts.values()].find((t) => t.message.id === report.messageId);
        const key = `${report.messageId}:${report.status}`;
        const row = rows.find((r) => text && r.id === text.row.id);
        // Observed once the dispatcher has recorded it, not merely sent.
        if (!text || !row || reported.has(key) || (report.status === 'delivered' && row.deliveredAt === null)) continue;
        reported.add(key);
        this.timeline.record({
          party: 'report',
          // The report carries the carrier's real timestamp; on this clock it arrived now.
          at: this.now(),
          text: `${text.recipient.name}: ${report.status} → recipient ${row.state} (webhook answered ${report.statusCode ?? 'nothing'})`,
        });
      }
      for (const sent of texts.values()) {
        const reply = sent.recipient.reply;
        if (!reply || replied.has(sent.recipient.phone)) continue;
        if (this.now().getTime() < sent.sentAt.getTime() + REPLY_AFTER_MS) continue;
        replied.add(sent.recipient.phone);
        const delivery = await this.phones.sendInbound({
          originator: sent.recipient.phone,
          recipient: sent.message.originator,
          body: reply,
        });
        this.timeline.record({
          party: 'sms-in',
          at: this.now(),
          text: `${sent.recipient.name} replies "${reply}" (webhook answered ${delivery.statusCode ?? delivery.error})`,
        });
      }
      for (const post of inbox) {
        if (post.args['channel'] !== INBOX_CHANNEL || inboxSeen.has(post.seq) || post.status !== 200) continue;
        const metadata = post.args['metadata'] as { event_type?: string } | undefined;
        if (metadata?.event_type !== OUTBOX_EVENT) continue;
        inboxSeen.add(post.seq);
        inboxPosts.push(post);
        this.slackEntry(post, `#sms-inbox: ${firstLine(post)}`);
      }

      const done =
        texts.size === RECIPIENTS.length &&
        replied.size === expectedInbox &&
        optOutConfirmation !== undefined &&
        inboxPosts.length >= expectedInbox &&
        [...texts.values()].every((t) => reported.has(`${t.message.id}:delivered`));
      if (done) break;
      if (Date.now() > deadline) {
        const missing = [
          ...RECIPIENTS.filter((r) => !texts.has(r.phone)).map((r) => `no text to ${r.name} in ${r.city}`),
          ...[...texts.values()]
            .filter((t) => !reported.has(`${t.message.id}:delivered`))
            .map((t) => `no delivery report for ${t.recipient.name}`),
          ...(optOutConfirmation ? [] : ['no opt-out confirmation texted']),
          ...(inboxPosts.length >= expectedInbox
            ? []
            : [`${inboxPosts.length} of ${expectedInbox} replies in #sms-inbox`]),
        ];
        throw new NotObserved(`not everything arrived: ${missing.join('; ')}`);
      }
      const next = openings.find((opening) => opening.at.toMillis() > this.now().getTime());
      const waitingFor = next
        ? `next window opens ${next.at.toFormat('HH:mm')} in ${next.recipient.city}`
        : 'replies and reports';
      this.timeline.progress(waitingFor, this.now(), waitingFrom, next?.at.toJSDate() ?? lastOpening);
      await sleep(POLL_MS);
    }
    this.timeline.observed('each recipient texted once, at 09:00 in their own zone, inside the schedule');
    this.timeline.observed('delivery reports came back for every text');
    this.timeline.observed('STOP opted Lena out (confirmation texted); both replies reached #sms-inbox');
    return {
      texts: [...texts.values()].sort((a, b) => +a.sentAt - +b.sentAt),
      optOutConfirmation: optOutConfirmation!,
      inboxPosts,
    };
  }

  /** A text outside the recipient's Monday 09:00–17:00, or before outreach started, breaks the product's promise. */
  private checkWindow(sent: SentText): void {
    const local = DateTime.fromJSDate(sent.sentAt, { zone: sent.recipient.zone });
    const opens = windowOpening(sent.recipient, this.start);
    const closes = opens.set({ hour: 17 });
    if (local < opens || local >= closes) {
      throw new NotObserved(
        `${sent.recipient.name} was texted at ${local.toFormat('ccc HH:mm')} ${sent.recipient.zone}, outside 09:00–17:00 on ${opens.toFormat('ccc d LLL')}`,
      );
    }
  }

  // --- 5. the digest ---------------------------------------------------------------------------------

  private async digest(): Promise<RecordedCall> {
    this.timeline.step('5. The daily digest');
    const due = digestDue(this.start).toJSDate();
    const from = this.now();
    const deadline =
      Date.now() + Math.max(0, due.getTime() - from.getTime()) / this.context.clock.rate + this.patienceMs;
    for (;;) {
      const digest = (await this.slack.calls('chat.postMessage')).find(
        (c) =>
          c.args['channel'] === CAMPAIGN_CHANNEL &&
          (c.args['metadata'] as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT,
      );
      if (digest) {
        this.slackEntry(digest, `#general: ${firstLine(digest)}`, sectionsOf(digest));
        this.timeline.observed('the digest shows the campaign’s progress');
        return digest;
      }
      if (Date.now() > deadline) throw new NotObserved('no digest was posted in #general');
      this.timeline.progress(
        `digest at ${digestDue(this.start).toFormat('HH:mm')} Los Angeles time`,
        this.now(),
        from,
        due,
      );
      await sleep(POLL_MS);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------

  private now(): Date {
    return new Date(simulatedNowMs(this.context.clock, Date.now()));
  }

  /** The simulated instant of a real timestamp the sandboxes recorded. */
  private simulated(realIso: string): Date {
    return new Date(simulatedNowMs(this.context.clock, Date.parse(realIso)));
  }

  private slackEntry(call: RecordedCall, text: string, detail?: string[]): void {
    this.timeline.record({ party: 'slack', at: this.simulated(call.at), text, ...(detail ? { detail } : {}) });
  }

  private waitForCall(what: string, method: string, match: (call: RecordedCall) => boolean): Promise<RecordedCall> {
    return this.eventually(what, async () =>
      (await this.slack.calls(method)).find((c) => c.status === 200 && match(c)),
    );
  }

  private async eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + this.patienceMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new NotObserved(`${what} did not come within ${this.patienceMs / 1000} s`);
      await sleep(POLL_MS / 2);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sameNumber(a: string, b: string): boolean {
  return a.replace(/\D/g, '') === b.replace(/\D/g, '');
}

function titleOf(view: SandboxView): string {
  return (view.title as { text?: string } | undefined)?.text ?? view.callback_id;
}

/** The options of the first select in a block, as the user sees them. */
function optionsOf(view: SandboxView, blockId: string): { text: string; value: string }[] {
  const block = (
    view.blocks as { block_id?: string; element?: { options?: unknown[]; option_groups?: unknown[] } }[]
  ).find((b) => b.block_id === blockId);
  const element = block?.element;
  const options = [
    ...(element?.options ?? []),
    ...((element?.option_groups ?? []) as { options: unknown[] }[]).flatMap((g) => g.options),
  ] as { text: { text: string }; value: string }[];
  return options.map((o) => ({ text: o.text.text, value: o.value }));
}

function firstLine(call: RecordedCall): string {
  return String(call.args['text'] ?? '').split('\n')[0]!;
}

/** The section texts of a message's blocks, one line each, as Slack would show them. */
function sectionsOf(call: RecordedCall): string[] {
  const blocks = (call.args['blocks'] ?? []) as {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
  }[];
  return blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text)])
    .filter((text): text is string => Boolean(text))
    .flatMap((text) => text.split('\n'))
    .map((line) => line.replace(/\*/g, ''))
    .filter((line) => line.trim() !== '');
}
