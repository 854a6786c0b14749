import type { BlockAction, Logger, ViewOutput, ViewResponseAction } from '@slack/bolt';
import {
  type Campaign,
  type CampaignServiceClient,
  type MessagingAnswer,
  ServiceError,
} from '@proactive-sms/service-client';
import { AdminPolicy, NOT_ADMIN_TEXT } from '../auth/admin-policy';
import type { SlackGateway } from '../slack/slack-gateway';
import { ACK_BUDGET_MS, settleWithin } from '../support/deadline';
import { describeError, slackErrorCode } from '../support/user-facing-error';
import { campaignMessage } from '../views/campaign-message.view';
import {
  CAMPAIGN_BLOCKS,
  type CampaignDraft,
  campaignFieldErrors,
  createCampaignView,
  emptyCampaignDraft,
  readCampaignDraft,
  scheduleOf,
} from '../views/create-campaign.view';
import { loadingView, messageView } from '../views/loading.view';
import { readMetadata, ViewState } from '../views/view-state';

type Ack = (response?: ViewResponseAction) => Promise<void>;
type Tell = (text: string) => Promise<void>;

const TITLE = 'Create SMS Campaign';

/**
 * The Create SMS Campaign modal: opened at once (the trigger_id lives 3 seconds) and filled in from the
 * service; a language change lists that language's answers, an answer shows its preview; the submit
 * creates the campaign and posts it, with its buttons, in the channel the command came from.
 */
export class CreateCampaignService {
  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly admins: AdminPolicy,
    private readonly logger: Logger,
    /** How long a modal submit waits for the service before acknowledging without inline errors. */
    private readonly ackBudgetMs: number = ACK_BUDGET_MS,
  ) {}

  async open(input: { triggerId: string; userId: string; channelId: string }, tell: Tell): Promise<void> {
    if (!(await this.admins.isAdmin(input.userId))) return tell(NOT_ADMIN_TEXT);
    const opened = await this.slack.openView(input.triggerId, loadingView(TITLE, 'campaign_loading'));
    try {
      await this.slack.updateView(opened.id, await this.form(emptyCampaignDraft(), input.channelId));
    } catch (error) {
      this.logger.warn(`create campaign: could not fill the modal: ${(error as Error).message}`);
      await this.slack.updateView(
        opened.id,
        messageView(TITLE, 'campaign_unavailable', `:warning: ${describeError(error)}`),
      );
    }
  }

  /** The language or the answer changed: rebuild the modal around what the user entered. */
  async refresh(body: BlockAction): Promise<void> {
    const view = body.view;
    if (!view) return;
    const previous = readCampaignDraft(ViewState.of(view));
    const action = body.actions[0];
    const picked = action && 'selected_option' in action ? action.selected_option?.value : undefined;
    const draft: CampaignDraft =
      action?.action_id === 'language_select'
        ? { ...previous, language: picked, answerId: undefined }
        : { ...previous, answerId: picked };
    const { channelId = '' } = readMetadata<{ channelId: string }>(view.private_metadata);
    try {
      await this.slack.updateView(view.id, await this.form(draft, channelId), view.hash);
    } catch (error) {
      // hash_conflict: the user changed something again meanwhile; that change brings its own update.
      if (slackErrorCode(error) !== 'hash_conflict') throw error;
    }
  }

  async submit(userId: string, view: ViewOutput, ack: Ack): Promise<void> {
    if (!(await this.admins.isAdmin(userId))) {
      return ack({ response_action: 'errors', errors: { [CAMPAIGN_BLOCKS.name]: NOT_ADMIN_TEXT } });
    }
    const { channelId = '' } = readMetadata<{ channelId: string }>(view.private_metadata);
    const draft = readCampaignDraft(ViewState.of(view));
    const missing: Record<string, string> = {};
    if (!draft.senderNumberId) missing['senderNumberId'] = 'Pick the phone number the campaign sends from.';
    if (!draft.language) missing['language'] = 'Pick the language of the Messaging Answer.';
    if (!draft.answerId) missing['answerId'] = 'Pick the Messaging Answer to send.';
    if (Object.keys(missing).length > 0) {
      return ack({ response_action: 'errors', errors: campaignFieldErrors(missing, view) });
    }
    const creating = this.service.createCampaign(userId, {
      name: draft.name ?? '',
      ...(draft.description ? { description: draft.description } : {}),
      senderNumberId: Number(draft.senderNumberId),
      language: draft.language!,
      answerId: Number(draft.answerId),
      schedule: scheduleOf(draft),
      slackChannelId: channelId,
    });
    const outcome = await settleWithin(creating, this.ackBudgetMs);
    if (!outcome.settled) {
      // Slow service: close the modal now and tell the outcome when it comes.
      await ack();
      void creating
        .then((campaign) => this.announce(campaign, userId, channelId))
        .catch((error: unknown) =>
          this.slack.tellUser(userId, channelId, `:x: The campaign was not created: ${describeError(error)}`),
        )
        .catch((error: unknown) => this.logger.error('create campaign: could not report the outcome', error));
      return;
    }
    if (!outcome.ok) {
      const error = outcome.error;
      const fields =
        error instanceof ServiceError && Object.keys(error.fields).length > 0
          ? error.fields
          : { name: describeError(error) };
      return ack({ response_action: 'errors', errors: campaignFieldErrors(fields, view) });
    }
    await ack();
    await this.announce(outcome.value, userId, channelId);
  }

  /** Posts the new campaign in its channel (joining it when public); tells the creator if it cannot. */
  private async announce(campaign: Campaign, userId: string, channelId: string): Promise<void> {
    const message = campaignMessage(campaign, { actor: userId });
    const post = () => this.slack.postMessage({ channel: channelId, text: message.text, blocks: message.blocks ?? [] });
    try {
      await post();
    } catch (error) {
      if (slackErrorCode(error) === 'not_in_channel' && (await this.slack.ensureMember(channelId))) {
        await post();
        return;
      }
      await this.slack.tellUser(
        userId,
        undefined,
        `:white_check_mark: Campaign *${campaign.name}* was created, but I could not post it in <#${channelId}>: ${describeError(error)}`,
      );
    }
  }

  private async form(draft: CampaignDraft, channelId: string) {
    const [numbers, allAnswers] = await Promise.all([
      this.service.listSenderNumbers({ smsCapable: true }),
      this.service.listAnswers(),
    ]);
    const languages = [...new Set(allAnswers.map((a) => a.language))].sort();
    const language = draft.language && languages.includes(draft.language) ? draft.language : languages[0];
    const answers: MessagingAnswer[] = language ? await this.service.listAnswers({ language }) : [];
    const inboxLabels = await Promise.all(numbers.map((n) => this.slack.channelLabel(n.inboxChannelId)));
    return createCampaignView({
      numbers: numbers.map((n, i) => ({ id: n.id, label: n.label, number: n.number, inboxLabel: inboxLabels[i]! })),
      languages,
      answers,
      draft: { ...draft, ...(language ? { language } : {}) },
      channelId,
    });
  }
}
