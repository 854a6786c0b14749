import { renderMessagingAnswer, smsEncoding } from '@proactive-sms/domain';
import type { ModalView } from '../slack/slack-types';
import { escapeMrkdwn, plural } from '../support/text';
import { context, input, type KnownBlock, plain, section } from './block-kit';

export const ANSWER_CALLBACK = 'answer_create';

/** Block ids are the service's field names (`name`, `language`, `body`, `defaultFirstName`). */
export const ANSWER_BLOCKS = {
  name: 'name',
  language: 'language',
  body: 'body',
  defaultFirstName: 'defaultFirstName',
  preview: 'answer_preview',
} as const;

export const ANSWER_ACTIONS = {
  name: 'name_input',
  language: 'language_input',
  body: 'body_input',
  defaultFirstName: 'default_first_name_input',
} as const;

export type AnswerDraft = { name?: string; language?: string; body?: string; defaultFirstName?: string };

export type AnswerModalMetadata = { channelId: string };

/**
 * What a recipient would get: the body with the default first name (a recipient without a name) and
 * with a long name, the encoding and the segment count — computed here, as the user types.
 */
export function answerPreviewText(body: string | undefined, defaultFirstName: string | undefined): string {
  if (!body || body.trim() === '') return 'Type the message to see its preview and segment count.';
  const text = renderMessagingAnswer(body, { firstName: null, defaultFirstName: defaultFirstName ?? '' });
  const encoding = smsEncoding(text);
  const unicode =
    encoding.encoding === 'UCS-2'
      ? ` — ${encoding.nonGsmCharacters.map((c) => `“${escapeMrkdwn(c)}”`).join(' ')} make${encoding.nonGsmCharacters.length === 1 ? 's' : ''} it Unicode (70 characters per segment instead of 160)`
      : '';
  return `*Preview* · ${encoding.encoding} · ${plural(encoding.segments, 'segment')} · ${plural(encoding.units, 'character')}${unicode}\n>${escapeMrkdwn(text).replace(/\n/g, '\n>')}`;
}

export function answerView(draft: AnswerDraft, metadata: AnswerModalMetadata): ModalView {
  const blocks: KnownBlock[] = [
    input(ANSWER_BLOCKS.name, 'Answer name', {
      type: 'plain_text_input',
      action_id: ANSWER_ACTIONS.name,
      max_length: 100,
      placeholder: plain('e.g. Shipping reminder'),
      ...(draft.name ? { initial_value: draft.name } : {}),
    }),
    input(
      ANSWER_BLOCKS.language,
      'Language',
      {
        type: 'plain_text_input',
        action_id: ANSWER_ACTIONS.language,
        max_length: 16,
        initial_value: draft.language ?? 'en',
      },
      { hint: 'A language code such as en, es or fr-CA.' },
    ),
    input(
      ANSWER_BLOCKS.body,
      'Message',
      {
        type: 'plain_text_input',
        action_id: ANSWER_ACTIONS.body,
        multiline: true,
        max_length: 1600,
        placeholder: plain('Hi {{first_name}}, … Reply STOP to opt out.'),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
        ...(draft.body ? { initial_value: draft.body } : {}),
      },
      { dispatchAction: true, hint: '{{first_name}} is replaced by the name in column C of the CSV.' },
    ),
    input(
      ANSWER_BLOCKS.defaultFirstName,
      'Default first name',
      {
        type: 'plain_text_input',
        action_id: ANSWER_ACTIONS.defaultFirstName,
        max_length: 40,
        initial_value: draft.defaultFirstName ?? 'there',
      },
      { optional: true, hint: 'Used when a recipient has no name ("Hi there, …").' },
    ),
    section(answerPreviewText(draft.body, draft.defaultFirstName ?? 'there'), ANSWER_BLOCKS.preview),
    context('GSM-7 texts take 160 characters in one segment (153 each when split); Unicode 70 (67).'),
  ];
  return {
    type: 'modal',
    callback_id: ANSWER_CALLBACK,
    title: plain('New Messaging Answer'),
    submit: plain('Create answer'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
