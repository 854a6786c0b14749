import type { ModalView } from '../slack/slack-types';
import { input, plain } from './block-kit';

export const NUMBER_CALLBACK = 'number_create';

/** Block ids are the service's field names. */
export const NUMBER_BLOCKS = {
  number: 'number',
  label: 'label',
  inboxChannelId: 'inboxChannelId',
  messagesPerSecond: 'messagesPerSecond',
} as const;

export const NUMBER_ACTIONS = {
  number: 'number_input',
  label: 'label_input',
  inboxChannelId: 'inbox_channel_select',
  messagesPerSecond: 'rate_input',
} as const;

export type NumberModalMetadata = { channelId: string };

export function numberView(metadata: NumberModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: NUMBER_CALLBACK,
    title: plain('Register a number'),
    submit: plain('Register'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      input(
        NUMBER_BLOCKS.number,
        'Phone number',
        {
          type: 'plain_text_input',
          action_id: NUMBER_ACTIONS.number,
          placeholder: plain('+1 415 555 0100'),
        },
        { hint: 'With its country code; any format.' },
      ),
      input(NUMBER_BLOCKS.label, 'Label', {
        type: 'plain_text_input',
        action_id: NUMBER_ACTIONS.label,
        max_length: 100,
        placeholder: plain('e.g. Support US'),
      }),
      input(
        NUMBER_BLOCKS.inboxChannelId,
        'Inbox channel',
        {
          type: 'conversations_select',
          action_id: NUMBER_ACTIONS.inboxChannelId,
          default_to_current_conversation: true,
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
        { hint: 'Replies and opt-outs texted to this number are posted here, one thread per phone number.' },
      ),
      input(
        NUMBER_BLOCKS.messagesPerSecond,
        'Messages per second',
        {
          type: 'number_input',
          action_id: NUMBER_ACTIONS.messagesPerSecond,
          is_decimal_allowed: true,
          min_value: '0.01',
          max_value: '1000',
          initial_value: '1',
        },
        { optional: true, hint: "The carrier's throughput for this number (1 for a standard 10DLC number)." },
      ),
    ],
  };
}
