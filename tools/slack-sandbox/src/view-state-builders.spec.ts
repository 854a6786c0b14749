// view.state.values in Slack's shapes, built from the view the bot opened.
import { buildViewState, stateValue } from './view-state-builders';

const plain = (text: string): { type: 'plain_text'; text: string } => ({ type: 'plain_text', text });

const campaignModal = {
  blocks: [
    { type: 'input', block_id: 'name', element: { type: 'plain_text_input', action_id: 'value' } },
    {
      type: 'input',
      block_id: 'language',
      element: {
        type: 'static_select',
        action_id: 'value',
        options: [
          { text: plain('English'), value: 'en' },
          { text: plain('Español'), value: 'es' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'days',
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [
          { text: plain('Mon'), value: 'mon' },
          { text: plain('Tue'), value: 'tue' },
        ],
        initial_options: [{ text: plain('Mon'), value: 'mon' }],
      },
    },
    { type: 'input', block_id: 'date', element: { type: 'datepicker', action_id: 'value' } },
    { type: 'input', block_id: 'time', element: { type: 'timepicker', action_id: 'value', initial_time: '09:00' } },
    { type: 'input', block_id: 'csv', element: { type: 'file_input', action_id: 'value', filetypes: ['csv'] } },
    { type: 'section', block_id: 'help', text: { type: 'mrkdwn', text: 'no state here' } },
  ],
};

describe('buildViewState', () => {
  it("fills every input with Slack's shape, using what the user entered or the element's initial value", () => {
    const values = buildViewState(campaignModal, {
      name: { value: 'Spring sale' },
      language: { value: 'es' },
      date: { value: '2025-03-10' },
      csv: { value: ['F000000001'] },
    });
    expect(values).toEqual({
      name: { value: { type: 'plain_text_input', value: 'Spring sale' } },
      language: { value: { type: 'static_select', selected_option: { text: plain('Español'), value: 'es' } } },
      days: { value: { type: 'checkboxes', selected_options: [{ text: plain('Mon'), value: 'mon' }] } },
      date: { value: { type: 'datepicker', selected_date: '2025-03-10' } },
      time: { value: { type: 'timepicker', selected_time: '09:00' } },
      csv: { value: { type: 'file_input', files: [{ id: 'F000000001' }] } },
    });
  });

  it('leaves untouched inputs empty as Slack does: null or []', () => {
    const values = buildViewState(campaignModal, { days: { value: [] }, time: { value: null } });
    expect(values['name']).toEqual({ value: { type: 'plain_text_input', value: null } });
    expect(values['language']).toEqual({ value: { type: 'static_select', selected_option: null } });
    expect(values['days']).toEqual({ value: { type: 'checkboxes', selected_options: [] } });
    expect(values['time']).toEqual({ value: { type: 'timepicker', selected_time: null } });
    expect(values['csv']).toEqual({ value: { type: 'file_input', files: [] } });
  });

  it('throws on an element or option the view does not have, so a test typo cannot pass silently', () => {
    expect(() => buildViewState(campaignModal, { nmae: { value: 'x' } })).toThrow(/no element nmae\/value/);
    expect(() => buildViewState(campaignModal, { language: { value: 'fr' } })).toThrow(/no option "fr"/);
  });
});

describe('stateValue', () => {
  it('builds single values by hand', () => {
    expect(stateValue.staticSelect('en')).toEqual({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'en', emoji: true }, value: 'en' },
    });
    expect(stateValue.checkboxes(['mon'])).toMatchObject({ type: 'checkboxes', selected_options: [{ value: 'mon' }] });
    expect(stateValue.datepicker('2025-03-10')).toEqual({ type: 'datepicker', selected_date: '2025-03-10' });
    expect(stateValue.timepicker('21:00')).toEqual({ type: 'timepicker', selected_time: '21:00' });
    expect(stateValue.fileInput([{ id: 'F1', name: 'a.csv' }])).toEqual({
      type: 'file_input',
      files: [{ id: 'F1', name: 'a.csv' }],
    });
    expect(stateValue.plainTextInput('x')).toEqual({ type: 'plain_text_input', value: 'x' });
  });
});
