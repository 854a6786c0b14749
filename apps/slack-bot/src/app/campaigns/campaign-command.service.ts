import type { Logger } from '@slack/bolt';
import type { CampaignServiceClient } from '@proactive-sms/service-client';
import type { AnswerModalService } from '../answers/answer-modal.service';
import type { NumberModalService } from '../numbers/number-modal.service';
import type { SlackGateway } from '../slack/slack-gateway';
import type { Message } from '../slack/slack-types';
import { describeError, slackErrorCode } from '../support/user-facing-error';
import { HELP_TEXT } from '../views/help.view';
import type { CampaignActionsService } from './campaign-actions.service';
import type { CreateCampaignService } from './create-campaign.service';

export type SlashCommand = { text: string; userId: string; channelId: string; triggerId: string };
export type Reply = (message: Message) => Promise<void>;

/** `/sms-campaign [subcommand]`: which use case a command asks for. Unknown input gets the help text. */
export class CampaignCommandService {
  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly create: CreateCampaignService,
    private readonly actions: CampaignActionsService,
    private readonly answers: AnswerModalService,
    private readonly numbers: NumberModalService,
    private readonly logger: Logger,
  ) {}

  async handle(command: SlashCommand, reply: Reply): Promise<void> {
    const text = command.text.trim();
    const [word = '', ...rest] = text.split(/\s+/);
    const argument = rest.join(' ');
    const tell = (message: string) => reply({ text: message });
    const modal = { triggerId: command.triggerId, userId: command.userId, channelId: command.channelId };
    try {
      switch (word.toLowerCase()) {
        case '':
          return await this.create.open(modal, tell);
        case 'help':
          return await tell(HELP_TEXT);
        case 'list':
          return await this.actions.list(reply);
        case 'status':
          return await this.actions.status(argument, reply);
        case 'template':
          return await this.template(command);
        case 'answer':
          return await this.answers.open(modal, tell);
        case 'number':
          return await this.numbers.open(modal, tell);
        case 'pause':
        case 'resume':
        case 'stop':
          return await this.actions.transitionByReference(
            command.userId,
            word.toLowerCase() as 'pause',
            argument,
            reply,
          );
        default:
          return await tell(`I don't know \`${word.slice(0, 40)}\`.\n${HELP_TEXT}`);
      }
    } catch (error) {
      this.logger.warn(`/sms-campaign ${word}: ${(error as Error).message}`);
      await tell(`:x: ${describeError(error)}`);
    }
  }

  /** Posts the CSV template in the channel, as a file (files.uploadV2). */
  private async template(command: SlashCommand): Promise<void> {
    const file = await this.service.recipientTemplate();
    const upload = () =>
      this.slack.uploadFile({
        channel: command.channelId,
        fileName: file.fileName,
        title: 'Recipient list template',
        bytes: file.bytes,
        comment:
          "The recipient list template: column A the recipient's time zone (e.g. America/New_York), B the phone number with its country code (1-555-123-4567), C the name that fills {{first_name}} (optional). Up to 3,500 rows. Save as CSV UTF-8 and share it here.",
      });
    try {
      await upload();
    } catch (error) {
      if (slackErrorCode(error) === 'not_in_channel' && (await this.slack.ensureMember(command.channelId))) {
        await upload();
        return;
      }
      throw error;
    }
  }
}
