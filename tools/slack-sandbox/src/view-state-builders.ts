// view.state.values in Slack's shapes, for view_submission / block_actions payloads. Two ways:
// - `stateValue.*` builds one element's value when a test writes the state by hand;
// - `buildViewState(view, { blockId: { actionId: value } })` reads the element types, options and
//   initial values from the view as the bot opened it, fills every element a user left alone like
//   Slack does (initial value or null/[]), and throws on a block/action ID the view does not have.
import { isRecord } from './request-body';

export interface OptionObject {
  text: { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
  value: string;
  [key: string]: unknown;
}

/** What file_input returns: file objects; `{ id }` is enough for a bot that calls files.info. */
export interface FileRef {
  id: string;
  [key: string]: unknown;
}

export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: OptionObject | null;
  selected_options?: OptionObject[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_user?: string | null;
  selected_conversation?: string | null;
  selected_channel?: string | null;
  timezone?: string;
  files?: FileRef[];
}

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** A value a user "entered": the option value(s), date, time, text or files, or a ready ViewStateValue. */
export type UserInput = string | number | null | readonly (string | FileRef)[] | ViewStateValue;

export const stateValue = {
  plainTextInput: (value: string | null): ViewStateValue => ({ type: 'plain_text_input', value }),
  staticSelect: (option: string | OptionObject | null): ViewStateValue => ({
    type: 'static_select',
    selected_option: option === null ? null : toOption(option),
  }),
  checkboxes: (options: readonly (string | OptionObject)[]): ViewStateValue => ({
    type: 'checkboxes',
    selected_options: options.map(toOption),
  }),
  /** YYYY-MM-DD: a calendar date, no zone. */
  datepicker: (date: string | null): ViewStateValue => ({ type: 'datepicker', selected_date: date }),
  /** HH:mm: a wall-clock time, no zone (Slack adds `timezone` only when the element sets one). */
  timepicker: (time: string | null, timezone?: string): ViewStateValue => ({
    type: 'timepicker',
    selected_time: time,
    ...(timezone === undefined ? {} : { timezone }),
  }),
  fileInput: (files: readonly (string | FileRef)[]): ViewStateValue => ({
    type: 'file_input',
    files: files.map((f) => (typeof f === 'string' ? { id: f } : f)),
  }),
};

export interface ViewLike {
  blocks?: unknown[];
}

export function buildViewState(
  view: ViewLike,
  inputs: Record<string, Record<string, UserInput>> = {},
): ViewStateValues {
  const values: ViewStateValues = {};
  const used = new Set<string>();
  for (const { blockId, element } of statefulElements(view)) {
    const actionId = element['action_id'] as string;
    const input = inputs[blockId]?.[actionId];
    if (input !== undefined) used.add(`${blockId}/${actionId}`);
    (values[blockId] ??= {})[actionId] = elementValue(element, input);
  }
  for (const [blockId, actions] of Object.entries(inputs)) {
    for (const actionId of Object.keys(actions)) {
      if (!used.has(`${blockId}/${actionId}`)) {
        const known = Object.entries(values).flatMap(([b, a]) => Object.keys(a).map((id) => `${b}/${id}`));
        throw new Error(
          `buildViewState: the view has no element ${blockId}/${actionId} (it has: ${known.join(', ') || 'none'})`,
        );
      }
    }
  }
  return values;
}

const STATEFUL = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'static_select',
  'radio_buttons',
  'multi_static_select',
  'checkboxes',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'users_select',
  'conversations_select',
  'channels_select',
  'file_input',
]);

function statefulElements(view: ViewLike): { blockId: string; element: Record<string, unknown> }[] {
  const found: { blockId: string; element: Record<string, unknown> }[] = [];
  for (const block of view.blocks ?? []) {
    if (!isRecord(block) || typeof block['block_id'] !== 'string') continue;
    const candidates =
      block['type'] === 'input'
        ? [block['element']]
        : block['type'] === 'actions' && Array.isArray(block['elements'])
          ? block['elements']
          : block['type'] === 'section'
            ? [block['accessory']]
            : [];
    for (const element of candidates) {
      if (isRecord(element) && typeof element['action_id'] === 'string' && STATEFUL.has(String(element['type']))) {
        found.push({ blockId: block['block_id'], element });
      }
    }
  }
  return found;
}

function elementValue(element: Record<string, unknown>, input: UserInput | undefined): ViewStateValue {
  const type = String(element['type']);
  if (isRecord(input) && !Array.isArray(input) && typeof input['type'] === 'string') return input as ViewStateValue;
  const given = input !== undefined;
  const scalar = (initialKey: string): string | null =>
    given
      ? input === null
        ? null
        : String(input)
      : typeof element[initialKey] === 'string'
        ? (element[initialKey] as string)
        : null;
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return {
        type,
        selected_option: given ? (input === null ? null : findOption(element, String(input))) : initialOption(element),
      };
    case 'multi_static_select':
    case 'checkboxes':
      return {
        type,
        selected_options: given
          ? asList(input).map((v) => findOption(element, String(v)))
          : Array.isArray(element['initial_options'])
            ? (element['initial_options'] as OptionObject[])
            : [],
      };
    case 'datepicker':
      return { type, selected_date: scalar('initial_date') };
    case 'timepicker':
      return {
        type,
        selected_time: scalar('initial_time'),
        ...(typeof element['timezone'] === 'string' ? { timezone: element['timezone'] } : {}),
      };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: given
          ? input === null
            ? null
            : Number(input)
          : ((element['initial_date_time'] as number | undefined) ?? null),
      };
    case 'users_select':
      return { type, selected_user: scalar('initial_user') };
    case 'conversations_select':
      return { type, selected_conversation: scalar('initial_conversation') };
    case 'channels_select':
      return { type, selected_channel: scalar('initial_channel') };
    case 'file_input':
      return stateValue.fileInput(given ? asList(input) : []);
    default:
      return { type, value: scalar('initial_value') };
  }
}

function asList(input: UserInput | undefined): (string | FileRef)[] {
  if (input === null || input === undefined) return [];
  if (Array.isArray(input)) return [...(input as readonly (string | FileRef)[])];
  return [input as string | FileRef];
}

function findOption(element: Record<string, unknown>, value: string): OptionObject {
  const groups = Array.isArray(element['option_groups']) ? (element['option_groups'] as unknown[]) : [];
  const options = [
    ...(Array.isArray(element['options']) ? (element['options'] as unknown[]) : []),
    ...groups.flatMap((g) => (isRecord(g) && Array.isArray(g['options']) ? (g['options'] as unknown[]) : [])),
  ];
  const option = options.find((o) => isRecord(o) && o['value'] === value);
  if (!isRecord(option)) {
    throw new Error(`buildViewState: ${String(element['action_id'])} has no option "${value}"`);
  }
  return option as OptionObject;
}

function initialOption(element: Record<string, unknown>): OptionObject | null {
  return isRecord(element['initial_option']) ? (element['initial_option'] as OptionObject) : null;
}

function toOption(option: string | OptionObject): OptionObject {
  return typeof option === 'string'
    ? { text: { type: 'plain_text', text: option, emoji: true }, value: option }
    : option;
}
