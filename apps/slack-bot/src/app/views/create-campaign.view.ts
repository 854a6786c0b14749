import { WEEKDAYS, type Weekday, weekdayLabel } from '@proactive-sms/domain';
import type { MessagingAnswer } from '@proactive-sms/service-client';
import type { ModalView } from '../slack/slack-types';
import { escapeMrkdwn, plural, truncate } from '../support/text';
import { context, header, input, type KnownBlock, option, plain, section } from './block-kit';
import { languageLabel } from './languages';
import { ViewState } from './view-state';

export const CREATE_CAMPAIGN_CALLBACK = 'campaign_create';

/** Block ids are the service's field names, so its 400 `fields` land on the right input. */
export const CAMPAIGN_BLOCKS = {
  name: 'name',
  description: 'description',
  senderNumber: 'senderNumberId',
  language: 'language',
  /** Versioned by language (`answerId--en`) so a language change resets the pick instead of keeping a stale one. */
  answerPrefix: 'answerId--',
  preview: 'answer_preview',
  day: (day: Weekday, part: 'closed' | 'open' | 'close') => `schedule.${day}.${part}`,
} as const;

export const CAMPAIGN_ACTIONS = {
  name: 'name_input',
  description: 'description_input',
  senderNumber: 'sender_number_select',
  language: 'language_select',
  answer: 'answer_select',
  closed: 'closed_toggle',
  open: 'open_time',
  close: 'close_time',
} as const;

const CLOSED = 'closed';
const DEFAULT_OPEN = '09:00';
const DEFAULT_CLOSE = '17:00';

export type DayDraft = { closed: boolean; open: string | null; close: string | null };

/** What the modal holds, read back from its state (for a submit, or to rebuild it on a change). */
export type CampaignDraft = {
  name?: string;
  description?: string;
  senderNumberId?: string;
  language?: string;
  answerId?: string;
  schedule: Record<Weekday, DayDraft>;
};

export type SenderChoice = { id: number; label: string; number: string; inboxLabel: string };

export type CreateCampaignViewInput = {
  numbers: SenderChoice[];
  languages: string[];
  answers: MessagingAnswer[];
  draft: CampaignDraft;
  /** The channel /sms-campaign ran in: the campaign's channel. */
  channelId: string;
};

export function emptyCampaignDraft(): CampaignDraft {
  return {
    schedule: Object.fromEntries(
      WEEKDAYS.map((day) => [day, { closed: true, open: DEFAULT_OPEN, close: DEFAULT_CLOSE }]),
    ) as Record<Weekday, DayDraft>,
  };
}

export function readCampaignDraft(state: ViewState): CampaignDraft {
  const answerBlock = state.blockIdStartingWith(CAMPAIGN_BLOCKS.answerPrefix);
  const draft: CampaignDraft = emptyCampaignDraft();
  const set = <K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K] | undefined) => {
    if (value !== undefined) draft[key] = value;
  };
  set('name', state.text(CAMPAIGN_BLOCKS.name, CAMPAIGN_ACTIONS.name));
  set('description', state.text(CAMPAIGN_BLOCKS.description, CAMPAIGN_ACTIONS.description));
  set('senderNumberId', state.selected(CAMPAIGN_BLOCKS.senderNumber, CAMPAIGN_ACTIONS.senderNumber));
  set('language', state.selected(CAMPAIGN_BLOCKS.language, CAMPAIGN_ACTIONS.language));
  if (answerBlock) set('answerId', state.selected(answerBlock, CAMPAIGN_ACTIONS.answer));
  for (const day of WEEKDAYS) {
    draft.schedule[day] = {
      closed: state.checked(CAMPAIGN_BLOCKS.day(day, 'closed'), CAMPAIGN_ACTIONS.closed).includes(CLOSED),
      open: state.time(CAMPAIGN_BLOCKS.day(day, 'open'), CAMPAIGN_ACTIONS.open) ?? null,
      close: state.time(CAMPAIGN_BLOCKS.day(day, 'close'), CAMPAIGN_ACTIONS.close) ?? null,
    };
  }
  return draft;
}

/** The schedule as the service takes it: a closed day ignores the times left in its pickers. */
export function scheduleOf(draft: CampaignDraft): Record<string, unknown> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const hours = draft.schedule[day];
      return [
        day,
        hours.closed ? { closed: true } : { closed: false, open: hours.open ?? '', close: hours.close ?? '' },
      ];
    }),
  );
}

export function answerBlockId(language: string | undefined): string {
  return `${CAMPAIGN_BLOCKS.answerPrefix}${language ?? 'none'}`;
}

/** The Create SMS Campaign modal (Gladly's "Create Campaign" form, in Block Kit). */
export function createCampaignView(data: CreateCampaignViewInput): ModalView {
  const { draft } = data;
  const language = draft.language && data.languages.includes(draft.language) ? draft.language : undefined;
  const answer = data.answers.find((a) => String(a.id) === draft.answerId);
  const numberOptions = data.numbers.map((n) =>
    // Select options take no description: the inbox channel goes in the text.
    option(`${truncate(n.label, 30)} · ${n.number} · replies → ${n.inboxLabel}`, String(n.id)),
  );
  const blocks: KnownBlock[] = [
    input(CAMPAIGN_BLOCKS.name, 'Campaign Name', {
      type: 'plain_text_input',
      action_id: CAMPAIGN_ACTIONS.name,
      max_length: 100,
      placeholder: plain('e.g. December shipping reminders'),
      ...(draft.name ? { initial_value: draft.name } : {}),
    }),
    input(
      CAMPAIGN_BLOCKS.description,
      'Description',
      {
        type: 'plain_text_input',
        action_id: CAMPAIGN_ACTIONS.description,
        multiline: true,
        max_length: 500,
        placeholder: plain('What the campaign is for'),
        ...(draft.description ? { initial_value: draft.description } : {}),
      },
      { optional: true },
    ),
  ];

  if (numberOptions.length > 0) {
    const initial = numberOptions.find((o) => o.value === draft.senderNumberId);
    blocks.push(
      input(
        CAMPAIGN_BLOCKS.senderNumber,
        'Phone Number',
        {
          type: 'static_select',
          action_id: CAMPAIGN_ACTIONS.senderNumber,
          placeholder: plain('SMS-capable numbers'),
          options: numberOptions.slice(0, 100),
          ...(initial ? { initial_option: initial } : {}),
        },
        {
          hint: 'Only SMS-capable numbers are listed. Replies to the campaign go to the inbox channel shown with each number.',
        },
      ),
    );
  } else {
    blocks.push(
      section(
        ':warning: *Phone Number* — no SMS-capable number is registered yet. Register one with `/sms-campaign number`, then run `/sms-campaign` again.',
        CAMPAIGN_BLOCKS.senderNumber,
      ),
    );
  }

  if (data.languages.length > 0) {
    const languageOptions = data.languages.map((code) => option(languageLabel(code), code));
    const initial = languageOptions.find((o) => o.value === language);
    blocks.push(
      input(
        CAMPAIGN_BLOCKS.language,
        'Language',
        {
          type: 'static_select',
          action_id: CAMPAIGN_ACTIONS.language,
          placeholder: plain('The language of the Messaging Answer'),
          options: languageOptions.slice(0, 100),
          ...(initial ? { initial_option: initial } : {}),
        },
        { dispatchAction: true },
      ),
    );
  } else {
    blocks.push(
      section(
        ':warning: *Language* — there is no Messaging Answer yet. Create one with `/sms-campaign answer`, then run `/sms-campaign` again.',
        CAMPAIGN_BLOCKS.language,
      ),
    );
  }

  if (language) {
    const answerOptions = data.answers.map((a) =>
      option(`${truncate(a.name, 45)} (${a.preview.encoding}, ${plural(a.preview.segments, 'segment')})`, String(a.id)),
    );
    if (answerOptions.length > 0) {
      const initial = answerOptions.find((o) => o.value === draft.answerId);
      blocks.push(
        input(
          answerBlockId(language),
          'Answer',
          {
            type: 'static_select',
            action_id: CAMPAIGN_ACTIONS.answer,
            placeholder: plain(`Messaging Answers in ${languageLabel(language)}`),
            options: answerOptions.slice(0, 100),
            ...(initial ? { initial_option: initial } : {}),
          },
          { dispatchAction: true },
        ),
      );
    } else {
      blocks.push(section(`No Messaging Answer in ${languageLabel(language)} yet.`, answerBlockId(language)));
    }
  }
  blocks.push(answerPreviewBlock(answer, language));

  blocks.push(header('Campaign Schedule'));
  blocks.push(
    context(
      "Uncheck *Closed* to allow texts on a day. Hours apply in each recipient's own time zone (from the CSV); nothing is ever sent outside 08:00–21:00 there. Outreach that starts outside the schedule begins at the next open window.",
    ),
  );
  for (const day of WEEKDAYS) blocks.push(...dayBlocks(day, draft.schedule[day]));

  return {
    type: 'modal',
    callback_id: CREATE_CAMPAIGN_CALLBACK,
    title: plain('Create SMS Campaign'),
    submit: plain('Create Campaign'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ channelId: data.channelId }),
    blocks,
  };
}

function answerPreviewBlock(answer: MessagingAnswer | undefined, language: string | undefined): KnownBlock {
  if (!answer) {
    return context(
      language ? 'Pick an answer to see the text recipients get.' : 'Pick a language, then an answer.',
      CAMPAIGN_BLOCKS.preview,
    );
  }
  const { preview } = answer;
  const unicode =
    preview.encoding === 'UCS-2' && preview.nonGsmCharacters.length > 0
      ? ` — ${preview.nonGsmCharacters.map((c) => `“${escapeMrkdwn(c)}”`).join(' ')} made it Unicode`
      : '';
  return section(
    `*Preview* · ${preview.encoding} · ${plural(preview.segments, 'segment')} · ${plural(preview.characters, 'character')}${unicode}\n>${escapeMrkdwn(preview.text).replace(/\n/g, '\n>')}`,
    CAMPAIGN_BLOCKS.preview,
  );
}

function dayBlocks(day: Weekday, hours: DayDraft): KnownBlock[] {
  const closedOption = option('Closed', CLOSED);
  const label = weekdayLabel(day);
  return [
    input(
      CAMPAIGN_BLOCKS.day(day, 'closed'),
      label,
      {
        type: 'checkboxes',
        action_id: CAMPAIGN_ACTIONS.closed,
        options: [closedOption],
        ...(hours.closed ? { initial_options: [closedOption] } : {}),
      },
      { optional: true },
    ),
    input(
      CAMPAIGN_BLOCKS.day(day, 'open'),
      `${label} opens`,
      {
        type: 'timepicker',
        action_id: CAMPAIGN_ACTIONS.open,
        ...(hours.open ? { initial_time: hours.open } : {}),
      },
      { optional: true },
    ),
    input(
      CAMPAIGN_BLOCKS.day(day, 'close'),
      `${label} closes`,
      {
        type: 'timepicker',
        action_id: CAMPAIGN_ACTIONS.close,
        ...(hours.close ? { initial_time: hours.close } : {}),
      },
      { optional: true },
    ),
  ];
}

/**
 * The service's 400 `fields` as modal errors keyed by block id. A field without a block of its own
 * (e.g. the channel) is shown on the name, so no message is ever lost.
 */
export function campaignFieldErrors(
  fields: Record<string, string>,
  view: { blocks?: unknown[] },
): Record<string, string> {
  const blockIds = new Set(
    (view.blocks ?? []).flatMap((b) =>
      typeof b === 'object' && b !== null && (b as { type?: string }).type === 'input'
        ? [String((b as { block_id?: string }).block_id)]
        : [],
    ),
  );
  const answerBlock = [...blockIds].find((id) => id.startsWith(CAMPAIGN_BLOCKS.answerPrefix));
  const errors: Record<string, string> = {};
  const add = (blockId: string, message: string) => {
    errors[blockId] = errors[blockId] ? `${errors[blockId]} ${message}` : message;
  };
  for (const [field, message] of Object.entries(fields)) {
    let target = field;
    if (field === 'answerId' && answerBlock) target = answerBlock;
    else if (/^schedule\.[a-z]+$/.test(field)) target = `${field}.closed`;
    else if (field === 'slackChannelId') {
      add(CAMPAIGN_BLOCKS.name, `Run /sms-campaign in the channel where the campaign should be posted (${message}).`);
      continue;
    }
    if (blockIds.has(target)) add(target, message);
    else add(CAMPAIGN_BLOCKS.name, message);
  }
  return errors;
}
