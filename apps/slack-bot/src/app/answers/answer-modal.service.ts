import type { BlockAction, Logger, ViewOutput, ViewResponseAction } from '@slack/bolt';
import { type CampaignServiceClient, ServiceError } from '@proactive-sms/service-client';
import { AdminPolicy, NOT_ADMIN_TEXT } from '../auth/admin-policy';
import type { SlackGateway } from '../slack/slack-gateway';
import { ACK_BUDGET_MS, settleWithin } from '../support/deadline';
import { escapeMrkdwn, plural } from '../support/text';
import { describeError, slackErrorCode } from '../support/user-facing-error';
import {
  ANSWER_ACTIONS,
  ANSWER_BLOCKS,
  type AnswerDraft,
  type AnswerModalMetadata,
  answerView,
} from '../views/answer.view';
import { languageLabel } from '../views/languages';
import { readMetadata, ViewState } from '../views/view-state';

type Ack = (response?: ViewResponseAction) => Promise<void>;
type Tell = (text: string) => Promise<void>;

/** `/sms-campaign answer`: a Messaging Answer with a live SMS preview (encoding, segments) as the body is typed. */
export class AnswerModalService {
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
    await this.slack.openView(input.triggerId, answerView({}, { channelId: input.channelId }));
  }

  /** The body changed: the preview block is rebuilt from what is in the form now. */
  async preview(body: BlockAction): Promise<void> {
    const view = body.view;
    if (!view) return;
    const metadata = readMetadata<AnswerModalMetadata>(view.private_metadata);
    try {
      await this.slack.updateView(
        view.id,
        answerView(readDraft(ViewState.of(view)), { channelId: metadata.channelId ?? '' }),
        view.hash,
      );
    } catch (error) {
      if (slackErrorCode(error) !== 'hash_conflict') throw error;
    }
  }

  async submit(userId: string, view: ViewOutput, ack: Ack): Promise<void> {
    if (!(await this.admins.isAdmin(userId))) {
      return ack({ response_action: 'errors', errors: { [ANSWER_BLOCKS.name]: NOT_ADMIN_TEXT } });
    }
    const draft = readDraft(ViewState.of(view));
    const { channelId } = readMetadata<AnswerModalMetadata>(view.private_metadata);
    const outcome = await settleWithin(
      this.service.createAnswer(userId, {
        name: draft.name ?? '',
        language: draft.language ?? '',
        body: draft.body ?? '',
        ...(draft.defaultFirstName ? { defaultFirstName: draft.defaultFirstName } : {}),
      }),
      this.ackBudgetMs,
    );
    if (outcome.settled && !outcome.ok) {
      const error = outcome.error;
      const fields = error instanceof ServiceError && Object.keys(error.fields).length > 0 ? error.fields : {};
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) {
        const block =
          (Object.values(ANSWER_BLOCKS) as string[]).includes(field) && field !== ANSWER_BLOCKS.preview
            ? field
            : ANSWER_BLOCKS.name;
        errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
      }
      if (Object.keys(errors).length === 0) errors[ANSWER_BLOCKS.name] = describeError(error);
      return ack({ response_action: 'errors', errors });
    }
    await ack();
    if (outcome.settled && outcome.ok) {
      const answer = outcome.value;
      await this.slack
        .tellUser(
          userId,
          channelId,
          `:white_check_mark: Messaging Answer *${escapeMrkdwn(answer.name)}* (${languageLabel(answer.language)}) created: ${answer.preview.encoding}, ${plural(answer.preview.segments, 'segment')}. Pick it in \`/sms-campaign\`.`,
        )
        .catch((error: unknown) => this.logger.warn(`answer created but not confirmed: ${(error as Error).message}`));
    } else {
      await this.slack
        .tellUser(
          userId,
          channelId,
          'The campaign service is slow; check `/sms-campaign` in a minute to see whether the answer was created.',
        )
        .catch(() => undefined);
    }
  }
}

function readDraft(state: ViewState): AnswerDraft {
  const draft: AnswerDraft = {};
  const name = state.text(ANSWER_BLOCKS.name, ANSWER_ACTIONS.name);
  const language = state.text(ANSWER_BLOCKS.language, ANSWER_ACTIONS.language);
  const body = state.rawText(ANSWER_BLOCKS.body, ANSWER_ACTIONS.body);
  const defaultFirstName = state.text(ANSWER_BLOCKS.defaultFirstName, ANSWER_ACTIONS.defaultFirstName);
  if (name) draft.name = name;
  if (language) draft.language = language;
  if (body) draft.body = body;
  if (defaultFirstName) draft.defaultFirstName = defaultFirstName;
  return draft;
}
