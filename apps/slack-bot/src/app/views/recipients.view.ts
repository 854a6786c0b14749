import type { Campaign } from '@proactive-sms/service-client';
import type { ModalView } from '../slack/slack-types';
import { escapeMrkdwn, plural, truncate } from '../support/text';
import { context, input, type KnownBlock, option, plain, section } from './block-kit';

export const RECIPIENTS_CALLBACK = 'recipients_add';

export const RECIPIENTS_BLOCKS = {
  file: 'file',
  campaign: 'campaign',
  startDate: 'outreach_start_date',
  startTime: 'outreach_start_time',
  endToggle: 'outreach_end',
  endDate: 'outreach_end_date',
  endTime: 'outreach_end_time',
} as const;

export const RECIPIENTS_ACTIONS = {
  file: 'file_select',
  campaign: 'campaign_select',
  startDate: 'start_date',
  startTime: 'start_time',
  endToggle: 'end_toggle',
  endDate: 'end_date',
  endTime: 'end_time',
} as const;

export const END_TOGGLE_VALUE = 'ends';

/** Where the list comes from and where its outcome is told (the file's thread, or the campaign message's). */
export type RecipientsModalMetadata = {
  source: 'share' | 'upload';
  fileId?: string;
  fileName?: string;
  rows?: number;
  channel: string;
  threadTs: string;
};

export type RecipientsViewInput = {
  metadata: RecipientsModalMetadata;
  campaigns: Campaign[];
  campaignId?: number;
  /** YYYY-MM-DD, today in the organisation's zone. */
  today: string;
};

/** Campaigns a list can be added to: any that is not stopped. */
export function campaignsAcceptingLists(campaigns: Campaign[]): Campaign[] {
  return campaigns.filter((c) => c.status !== 'stopped');
}

export function recipientsView(data: RecipientsViewInput): ModalView {
  const { metadata } = data;
  const campaignOptions = data.campaigns.map((c) => option(`${truncate(c.name, 55)} (${c.status})`, String(c.id)));
  const initial = campaignOptions.find((o) => o.value === String(data.campaignId));
  const blocks: KnownBlock[] = [];
  if (metadata.source === 'share') {
    blocks.push(
      section(
        `:page_facing_up: *${escapeMrkdwn(metadata.fileName ?? 'The shared file')}*${metadata.rows === undefined ? '' : ` — ${plural(metadata.rows, 'row')}`}`,
      ),
    );
  } else {
    blocks.push(
      input(
        RECIPIENTS_BLOCKS.file,
        'Recipient list (CSV)',
        { type: 'file_input', action_id: RECIPIENTS_ACTIONS.file, filetypes: ['csv'], max_files: 1 },
        { hint: 'Columns: timezone, phone_number, name (optional). Up to 3,500 rows, 1 MiB.' },
      ),
    );
  }
  blocks.push(
    input(RECIPIENTS_BLOCKS.campaign, 'Campaign', {
      type: 'static_select',
      action_id: RECIPIENTS_ACTIONS.campaign,
      placeholder: plain('Pick the campaign'),
      options: campaignOptions.slice(0, 100),
      ...(initial ? { initial_option: initial } : {}),
    }),
    context(
      "*Outreach Date/Time* is applied in each recipient's local time (the timezone in column A): 09:00 reaches New York at 09:00 New York time and Los Angeles at 09:00 Los Angeles time. Outside the campaign's schedule, outreach begins at the next open window.",
    ),
    input(RECIPIENTS_BLOCKS.startDate, 'Outreach date', {
      type: 'datepicker',
      action_id: RECIPIENTS_ACTIONS.startDate,
      initial_date: data.today,
    }),
    input(RECIPIENTS_BLOCKS.startTime, "Outreach time (in each recipient's local time)", {
      type: 'timepicker',
      action_id: RECIPIENTS_ACTIONS.startTime,
      initial_time: '09:00',
    }),
    input(
      RECIPIENTS_BLOCKS.endToggle,
      'Outreach end',
      {
        type: 'checkboxes',
        action_id: RECIPIENTS_ACTIONS.endToggle,
        options: [option('Should outreach end on a certain date/time?', END_TOGGLE_VALUE)],
      },
      { optional: true, hint: 'Without an end, the list completes once every recipient has been handled.' },
    ),
    input(
      RECIPIENTS_BLOCKS.endDate,
      'End date',
      { type: 'datepicker', action_id: RECIPIENTS_ACTIONS.endDate },
      { optional: true },
    ),
    input(
      RECIPIENTS_BLOCKS.endTime,
      "End time (in each recipient's local time)",
      { type: 'timepicker', action_id: RECIPIENTS_ACTIONS.endTime },
      { optional: true, hint: 'Recipients not texted by then are reported as not reached.' },
    ),
  );
  return {
    type: 'modal',
    callback_id: RECIPIENTS_CALLBACK,
    title: plain('Add recipients'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** The service's 400 `fields` as modal errors keyed by block id. */
export function recipientsFieldErrors(fields: Record<string, string>, hasFileInput: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const block =
      field === 'outreachStartAt'
        ? RECIPIENTS_BLOCKS.startDate
        : field === 'outreachEndAt'
          ? RECIPIENTS_BLOCKS.endDate
          : field === 'file' && hasFileInput
            ? RECIPIENTS_BLOCKS.file
            : RECIPIENTS_BLOCKS.campaign;
    errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
  }
  return errors;
}
