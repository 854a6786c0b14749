// Small constructors for the Block Kit objects the views repeat, typed by @slack/types.
import type { types } from '@slack/bolt';
import { truncate } from '../support/text';

export type KnownBlock = types.KnownBlock;
export type PlainTextOption = types.PlainTextOption;
export type InputBlock = types.InputBlock;
export type Button = types.Button;

export const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });
export const md = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

export const section = (text: string, blockId?: string): types.SectionBlock => ({
  type: 'section',
  text: md(truncate(text, 3000)),
  ...(blockId ? { block_id: blockId } : {}),
});

export const fields = (items: string[]): types.SectionBlock => ({
  type: 'section',
  fields: items.slice(0, 10).map((item) => md(truncate(item, 2000))),
});

export const context = (text: string, blockId?: string): types.ContextBlock => ({
  type: 'context',
  elements: [md(truncate(text, 3000))],
  ...(blockId ? { block_id: blockId } : {}),
});

export const header = (text: string): types.HeaderBlock => ({ type: 'header', text: plain(truncate(text, 150)) });

export const divider = (): types.DividerBlock => ({ type: 'divider' });

/** Option texts are limited to 75 characters, values to 150 (selects take no description). */
export const option = (text: string, value: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  confirm?: { title: string; text: string; confirm: string },
): Button {
  return {
    type: 'button',
    text: plain(text),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title),
            text: md(confirm.text),
            confirm: plain(confirm.confirm),
            deny: plain('Cancel'),
            ...(style === 'danger' ? { style: 'danger' as const } : {}),
          },
        }
      : {}),
  };
}

export const actions = (blockId: string, elements: Button[]): types.ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements,
});

export function input(
  blockId: string,
  label: string,
  element: types.InputBlock['element'],
  options: { optional?: boolean; hint?: string; dispatchAction?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    ...(options.dispatchAction ? { dispatch_action: true } : {}),
  };
}
