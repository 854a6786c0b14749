import type { Logger, ViewOutput, ViewResponseAction } from '@slack/bolt';
import {
  type CampaignServiceClient,
  ServiceError,
  type UploadAccepted,
  type RefusedUpload,
} from '@proactive-sms/service-client';
import { AdminPolicy, NOT_ADMIN_TEXT } from '../auth/admin-policy';
import { dayIn } from '../digest/digest-schedule';
import { FileDownloadError, type SlackFileDownloader } from '../slack/file-downloader';
import type { SlackGateway } from '../slack/slack-gateway';
import { ACK_BUDGET_MS, settleWithin } from '../support/deadline';
import { describeError } from '../support/user-facing-error';
import { loadingView, messageView } from '../views/loading.view';
import { listAcceptedReply, listRefusedReply, type SharedFileRef } from '../views/recipient-messages.view';
import {
  campaignsAcceptingLists,
  END_TOGGLE_VALUE,
  RECIPIENTS_ACTIONS,
  RECIPIENTS_BLOCKS,
  RECIPIENTS_CALLBACK,
  recipientsFieldErrors,
  recipientsView,
  type RecipientsModalMetadata,
} from '../views/recipients.view';
import { readMetadata, ViewState } from '../views/view-state';
import { MAX_CSV_BYTES, refuseBeforeDownload } from './csv-inspection';
import { Clock } from '../support/clock';

type Ack = (response?: ViewResponseAction) => Promise<void>;
type Tell = (text: string) => Promise<void>;

const TITLE = 'Add recipients';

/** What adding a list came to. `invalid` carries the service's field errors (a 400). */
type UploadOutcome =
  | { kind: 'accepted'; list: UploadAccepted }
  | { kind: 'refused'; refusal: RefusedUpload; fileName: string }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'failed'; message: string; onFile: boolean };

/**
 * The Add recipients modal — from a shared CSV's Add to campaign button, or from a campaign message's
 * Add recipients button (with a file_input) — and its submit: the file is downloaded from Slack and sent
 * to the service; the outcome is told in the thread (counts and forecast, or the reasons and the error log).
 */
export class AddRecipientsService {
  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly downloader: SlackFileDownloader,
    private readonly admins: AdminPolicy,
    private readonly logger: Logger,
    private readonly zone: string,
    /** How long a modal submit waits for the service before acknowledging without inline errors. */
    private readonly ackBudgetMs: number = ACK_BUDGET_MS,
    private readonly clock: Clock = new Clock(),
  ) {}

  async openForSharedFile(input: { userId: string; triggerId: string; value: string }, tell: Tell): Promise<void> {
    if (!(await this.admins.isAdmin(input.userId))) return tell(NOT_ADMIN_TEXT);
    const ref = readMetadata<SharedFileRef>(input.value);
    if (!ref.fileId || !ref.channel) return tell('That button has lost track of its file. Share the CSV again.');
    await this.open(input.triggerId, {
      source: 'share',
      fileId: ref.fileId,
      ...(ref.fileName ? { fileName: ref.fileName } : {}),
      ...(ref.rows === undefined ? {} : { rows: ref.rows }),
      channel: ref.channel,
      threadTs: ref.threadTs ?? '',
    });
  }

  async openForCampaign(
    input: { userId: string; triggerId: string; campaignId: number; channel: string; messageTs: string },
    tell: Tell,
  ): Promise<void> {
    if (!(await this.admins.isAdmin(input.userId))) return tell(NOT_ADMIN_TEXT);
    await this.open(
      input.triggerId,
      { source: 'upload', channel: input.channel, threadTs: input.messageTs },
      input.campaignId,
    );
  }

  private async open(triggerId: string, metadata: RecipientsModalMetadata, campaignId?: number): Promise<void> {
    const opened = await this.slack.openView(triggerId, loadingView(TITLE, 'recipients_loading'));
    try {
      const campaigns = campaignsAcceptingLists(await this.service.listCampaigns());
      const view =
        campaigns.length === 0
          ? messageView(
              TITLE,
              'recipients_no_campaign',
              'There is no campaign to add recipients to. Create one with `/sms-campaign` first.',
            )
          : recipientsView({
              metadata,
              campaigns,
              ...(campaignId === undefined ? {} : { campaignId }),
              today: dayIn(this.clock.now(), this.zone),
            });
      await this.slack.updateView(opened.id, view);
    } catch (error) {
      await this.slack.updateView(
        opened.id,
        messageView(TITLE, 'recipients_unavailable', `:warning: ${describeError(error)}`),
      );
    }
  }

  async submit(userId: string, view: ViewOutput, ack: Ack): Promise<void> {
    const metadata = readMetadata<RecipientsModalMetadata>(view.private_metadata);
    const hasFileInput = metadata.source === 'upload';
    const errorBlock = hasFileInput ? RECIPIENTS_BLOCKS.file : RECIPIENTS_BLOCKS.campaign;
    if (!(await this.admins.isAdmin(userId))) {
      return ack({ response_action: 'errors', errors: { [RECIPIENTS_BLOCKS.campaign]: NOT_ADMIN_TEXT } });
    }
    const state = ViewState.of(view);
    const form = readForm(state);
    const fileId = hasFileInput ? state.fileIds(RECIPIENTS_BLOCKS.file, RECIPIENTS_ACTIONS.file)[0] : metadata.fileId;
    if (!fileId) {
      form.errors[errorBlock] = hasFileInput
        ? 'Attach the recipient list (a .csv file).'
        : 'The shared file is gone. Share the CSV again.';
    }
    if (!metadata.channel)
      form.errors[RECIPIENTS_BLOCKS.campaign] = 'This form lost track of its channel. Open it again.';
    if (Object.keys(form.errors).length > 0 || !fileId || !metadata.channel) {
      return ack({ response_action: 'errors', errors: form.errors });
    }
    const where = { channel: metadata.channel, threadTs: metadata.threadTs || undefined };
    const work = this.upload(userId, form.campaignId!, fileId, form.start!, form.end);
    const outcome = await settleWithin(work, this.ackBudgetMs);
    if (outcome.settled && outcome.ok) {
      const result = outcome.value;
      if (result.kind === 'invalid') {
        return ack({ response_action: 'errors', errors: recipientsFieldErrors(result.fields, hasFileInput) });
      }
      if (result.kind === 'failed' && result.onFile) {
        return ack({ response_action: 'errors', errors: { [errorBlock]: result.message } });
      }
    }
    await ack();
    const settled = outcome.settled ? (outcome.ok ? outcome.value : failure(outcome.error)) : await work.catch(failure);
    await this.report(settled, userId, form.campaignId!, where);
  }

  /** Downloads the file from Slack and hands it to the service. Never throws: every end is an outcome. */
  private async upload(
    userId: string,
    campaignId: number,
    fileId: string,
    start: string,
    end: string | undefined,
  ): Promise<UploadOutcome> {
    let fileName = 'recipients.csv';
    try {
      const file = await this.slack.fileInfo(fileId);
      fileName = file.name;
      const refusal = refuseBeforeDownload(file);
      if (refusal) return { kind: 'failed', message: refusal.replace(/\*/g, ''), onFile: true };
      if (!file.urlPrivateDownload)
        return { kind: 'failed', message: 'Slack gave no download link for the file.', onFile: true };
      const bytes = await this.downloader.download(file.urlPrivateDownload, MAX_CSV_BYTES);
      const list = await this.service.uploadRecipientList(userId, campaignId, {
        fileName: file.name,
        bytes,
        outreachStartAt: start,
        ...(end ? { outreachEndAt: end } : {}),
      });
      return { kind: 'accepted', list };
    } catch (error) {
      if (error instanceof FileDownloadError)
        return { kind: 'failed', message: `${fileName}: ${error.message}`, onFile: true };
      if (error instanceof ServiceError) {
        const refusal = error.refusal;
        if (refusal) return { kind: 'refused', refusal, fileName };
        if (error.status === 400 && Object.keys(error.fields).length > 0)
          return { kind: 'invalid', fields: error.fields };
        return { kind: 'failed', message: describeError(error), onFile: error.status === 413 || error.status === 415 };
      }
      return failure(error);
    }
  }

  private async report(
    outcome: UploadOutcome,
    userId: string,
    campaignId: number,
    where: { channel: string; threadTs: string | undefined },
  ): Promise<void> {
    const post = (text: string, blocks?: Parameters<SlackGateway['postMessage']>[0]['blocks']) =>
      this.slack.postMessage({
        channel: where.channel,
        text,
        ...(blocks ? { blocks } : {}),
        ...(where.threadTs ? { threadTs: where.threadTs } : {}),
      });
    const campaignName = await this.service
      .getCampaign(campaignId)
      .then((c) => c.name)
      .catch(() => `campaign ${campaignId}`);
    switch (outcome.kind) {
      case 'accepted': {
        const message = listAcceptedReply(outcome.list, campaignName, userId, this.zone);
        await post(message.text, message.blocks);
        return;
      }
      case 'refused': {
        const message = listRefusedReply(outcome.fileName, campaignName, outcome.refusal);
        await post(message.text, message.blocks);
        await this.uploadErrorLog(outcome, where).catch(async (error: unknown) => {
          this.logger.warn(`could not upload the error log: ${(error as Error).message}`);
          await post(`I could not attach the error log (${describeError(error)}).`);
        });
        return;
      }
      case 'invalid':
        await this.slack.tellUser(
          userId,
          where.channel,
          `:x: The list was not added: ${Object.values(outcome.fields).join(' ')}`,
        );
        return;
      case 'failed':
        await post(`:x: The list was not added to *${campaignName}*: ${outcome.message}`);
        return;
    }
  }

  private async uploadErrorLog(
    outcome: Extract<UploadOutcome, { kind: 'refused' }>,
    where: { channel: string; threadTs: string | undefined },
  ): Promise<void> {
    const log = await this.service.errorLog(outcome.refusal.errorLogUrl);
    const base = outcome.fileName.replace(/\.csv$/i, '');
    await this.slack.uploadFile({
      channel: where.channel,
      ...(where.threadTs ? { threadTs: where.threadTs } : {}),
      fileName: `${base}-error-log.csv`,
      title: `Error log — ${outcome.fileName}`,
      bytes: log.bytes,
      comment: `Error log for ${outcome.fileName}: column A says what is wrong on each line.`,
    });
  }
}

function failure(error: unknown): UploadOutcome {
  return { kind: 'failed', message: describeError(error), onFile: false };
}

/** The outreach start/end as the service takes them (YYYY-MM-DDTHH:mm, each recipient's wall clock). */
function readForm(state: ViewState): {
  campaignId?: number;
  start?: string;
  end?: string;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const campaign = state.selected(RECIPIENTS_BLOCKS.campaign, RECIPIENTS_ACTIONS.campaign);
  if (!campaign) errors[RECIPIENTS_BLOCKS.campaign] = 'Pick the campaign.';
  const startDate = state.date(RECIPIENTS_BLOCKS.startDate, RECIPIENTS_ACTIONS.startDate);
  const startTime = state.time(RECIPIENTS_BLOCKS.startTime, RECIPIENTS_ACTIONS.startTime);
  if (!startDate) errors[RECIPIENTS_BLOCKS.startDate] = 'Pick the outreach date.';
  if (!startTime) errors[RECIPIENTS_BLOCKS.startTime] = 'Pick the outreach time.';
  let end: string | undefined;
  if (state.checked(RECIPIENTS_BLOCKS.endToggle, RECIPIENTS_ACTIONS.endToggle).includes(END_TOGGLE_VALUE)) {
    const endDate = state.date(RECIPIENTS_BLOCKS.endDate, RECIPIENTS_ACTIONS.endDate);
    const endTime = state.time(RECIPIENTS_BLOCKS.endTime, RECIPIENTS_ACTIONS.endTime);
    if (!endDate) errors[RECIPIENTS_BLOCKS.endDate] = 'Pick the date outreach ends, or uncheck the end.';
    if (!endTime) errors[RECIPIENTS_BLOCKS.endTime] = 'Pick the time outreach ends, or uncheck the end.';
    if (endDate && endTime) end = `${endDate}T${endTime}`;
  }
  return {
    ...(campaign ? { campaignId: Number(campaign) } : {}),
    ...(startDate && startTime ? { start: `${startDate}T${startTime}` } : {}),
    ...(end ? { end } : {}),
    errors,
  };
}

export { RECIPIENTS_CALLBACK };
