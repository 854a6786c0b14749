import { WEEKDAYS } from '@proactive-sms/domain';
import type { MessagingAnswer } from '@proactive-sms/service-client';
import {
  campaignFieldErrors,
  createCampaignView,
  emptyCampaignDraft,
  readCampaignDraft,
  scheduleOf,
} from './create-campaign.view';
import { ViewState } from './view-state';

const answer: MessagingAnswer = {
  id: 3,
  name: 'Shipping',
  language: 'en',
  body: 'Hi {{first_name}}',
  defaultFirstName: 'there',
  preview: { text: 'Hi there', encoding: 'GSM-7', segments: 1, characters: 8, nonGsmCharacters: [] },
  createdAt: '2026-11-29T00:00:00Z',
};

const view = createCampaignView({
  numbers: [{ id: 1, label: 'Support US', number: '+14155550100', inboxLabel: '#sms-inbox' }],
  languages: ['en', 'es'],
  answers: [answer],
  draft: { ...emptyCampaignDraft(), language: 'en', answerId: '3' },
  channelId: 'C0GENERAL',
});

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; dispatch_action?: boolean };
const blocks = view.blocks as Block[];
const block = (id: string) => blocks.find((b) => b.block_id === id)!;

describe('the Create SMS Campaign modal', () => {
  it('has every field of the product’s form, within Slack’s 100 blocks', () => {
    expect(blocks.length).toBeLessThanOrEqual(100);
    for (const id of ['name', 'description', 'senderNumberId', 'language', 'answerId--en', 'answer_preview']) {
      expect(block(id)).toBeDefined();
    }
    expect(JSON.stringify(block('senderNumberId'))).toContain('Support US · +14155550100 · replies → #sms-inbox');
    expect(JSON.stringify(block('answerId--en'))).toContain('Shipping (GSM-7, 1 segment)');
    expect(view.private_metadata).toBe(JSON.stringify({ channelId: 'C0GENERAL' }));
  });

  it('updates the answers when the language changes (dispatch_action on the language select)', () => {
    expect(block('language').dispatch_action).toBe(true);
    expect(block('answerId--en').dispatch_action).toBe(true);
  });

  it('shows the chosen answer’s preview with its segment count', () => {
    expect(JSON.stringify(block('answer_preview'))).toContain('GSM-7 · 1 segment · 8 characters');
  });

  it('has a Closed checkbox, checked by default, and open/close timepickers for each day', () => {
    for (const day of WEEKDAYS) {
      const closed = block(`schedule.${day}.closed`).element!;
      expect(closed['type']).toBe('checkboxes');
      expect(closed['initial_options']).toHaveLength(1);
      expect(block(`schedule.${day}.open`).element!['type']).toBe('timepicker');
      expect(block(`schedule.${day}.close`).element!['type']).toBe('timepicker');
    }
  });

  it('turns the state back into the schedule the service takes (a closed day ignores its times)', () => {
    const state = new ViewState({
      name: { name_input: { type: 'plain_text_input', value: ' Spring ' } },
      'schedule.monday.closed': { closed_toggle: { type: 'checkboxes', selected_options: [] } },
      'schedule.monday.open': { open_time: { type: 'timepicker', selected_time: '08:30' } },
      'schedule.monday.close': { close_time: { type: 'timepicker', selected_time: '18:00' } },
      'schedule.tuesday.closed': {
        closed_toggle: {
          type: 'checkboxes',
          selected_options: [{ value: 'closed', text: { type: 'plain_text', text: 'Closed' } }],
        },
      },
      'schedule.tuesday.open': { open_time: { type: 'timepicker', selected_time: '09:00' } },
    });
    const draft = readCampaignDraft(state);
    expect(draft.name).toBe('Spring');
    expect(scheduleOf(draft)).toMatchObject({
      monday: { closed: false, open: '08:30', close: '18:00' },
      tuesday: { closed: true },
    });
  });

  it('puts the service’s field errors on their blocks, and the rest on the name', () => {
    expect(
      campaignFieldErrors(
        {
          name: 'taken',
          answerId: 'wrong language',
          'schedule.monday.close': 'before open',
          'schedule.funday': 'not a day',
          slackChannelId: 'not a channel',
        },
        view,
      ),
    ).toEqual({
      name: expect.stringMatching(/^taken .*not a day/),
      'answerId--en': 'wrong language',
      'schedule.monday.close': 'before open',
    });
  });
});
