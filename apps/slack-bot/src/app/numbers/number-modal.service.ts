import type { Logger, ViewOutput, ViewResponseAction } from '@slack/bolt';
import { type CampaignServiceClient, ServiceError } from '@proactive-sms/service-client';
import { AdminPolicy, NOT_ADMIN_TEXT } from '../auth/admin-policy';
import type { SlackGateway } from '../slack/slack-gateway';
import { ACK_BUDGET_MS, settleWithin } from '../support/deadline';
import { escapeMrkdwn } from '../support/text';
import { describeError } from '../support/user-facing-error';
import { NUMBER_ACTIONS, NUMBER_BLOCKS, type NumberModalMetadata, numberView } from '../views/number.view';
import { readMetadata, ViewState } from '../views/view-state';

type Ack = (response?: ViewResponseAction) => Promise<void>;
type Tell = (text: string) => Promise<void>;

/** `/sms-campaign number`: register a sender number and the channel its replies go to. */
export class NumberModalService {
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
    await this.slack.openView(input.triggerId, numberView({ channelId: input.channelId }));
  }

  async submit(userId: string, view: ViewOutput, ack: Ack): Promise<void> {
    if (!(await this.admins.isAdmin(userId))) {
      return ack({ response_action: 'errors', errors: { [NUMBER_BLOCKS.number]: NOT_ADMIN_TEXT } });
    }
    const state = ViewState.of(view);
    const { channelId } = readMetadata<NumberModalMetadata>(view.private_metadata);
    const inbox = state.conversation(NUMBER_BLOCKS.inboxChannelId, NUMBER_ACTIONS.inboxChannelId) ?? '';
    const rate = state.text(NUMBER_BLOCKS.messagesPerSecond, NUMBER_ACTIONS.messagesPerSecond);
    const outcome = await settleWithin(
      this.service.createSenderNumber(userId, {
        number: state.text(NUMBER_BLOCKS.number, NUMBER_ACTIONS.number) ?? '',
        label: state.text(NUMBER_BLOCKS.label, NUMBER_ACTIONS.label) ?? '',
        inboxChannelId: inbox,
        ...(rate ? { messagesPerSecond: Number(rate) } : {}),
      }),
      this.ackBudgetMs,
    );
    if (outcome.settled && !outcome.ok) {
      const error = outcome.error;
      const fields = error instanceof ServiceError ? error.fields : {};
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) {
        const block = (Object.values(NUMBER_BLOCKS) as string[]).includes(field) ? field : NUMBER_BLOCKS.number;
        errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
      }
      if (Object.keys(errors).length === 0) errors[NUMBER_BLOCKS.number] = describeError(error);
      return ack({ response_action: 'errors', errors });
    }
    await ack();
    if (!(outcome.settled && outcome.ok)) {
      await this.slack
        .tellUser(
          userId,
          channelId,
          'The campaign service is slow; check `/sms-campaign` in a minute to see whether the number was registered.',
        )
        .catch(() => undefined);
      return;
    }
    const number = outcome.value;
    // Replies are posted in the inbox channel: the bot must be in it.
    const member = await this.slack.ensureMember(number.inboxChannelId);
    const note = member
      ? `Replies will be posted in <#${number.inboxChannelId}>.`
      : `:warning: I am not in <#${number.inboxChannelId}>: invite me there with \`/invite @Proactive SMS\`, or replies cannot be posted.`;
    await this.slack
      .tellUser(
        userId,
        channelId,
        `:white_check_mark: ${escapeMrkdwn(number.label)} · ${number.number} registered. ${note}`,
      )
      .catch((error: unknown) => this.logger.warn(`number registered but not confirmed: ${(error as Error).message}`));
  }
}
