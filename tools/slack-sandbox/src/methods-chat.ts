// chat.postMessage / postEphemeral / update, with the checks Slack makes before accepting a message
// (channel known and joined, some text, size limits) so a bot's mistakes surface as Slack's errors.
import { arg, fail, flag, ok, type MethodContext, type MethodHandler } from './method-context';
import { BOT_USER_ID } from './sandbox-defaults';
import type { SandboxMessage } from './sandbox-types';

/** Slack truncates beyond 40,000 characters and refuses more than 50 blocks in a message. */
const MAX_TEXT = 40_000;
const MAX_BLOCKS = 50;

export const chatPostMessage: MethodHandler = (ctx) => {
  const { args, workspace } = ctx;
  const content = messageContent(ctx);
  if ('error' in content) return fail(content.error);
  const channel = workspace.postableChannel(arg(args, 'channel'));
  if ('error' in channel) return fail(channel.error);
  const threadTs = arg(args, 'thread_ts');
  const message = workspace.addMessage(
    channel.id,
    workspace.botMessage({
      ...content,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      ...(flag(args, 'reply_broadcast') ? { subtype: 'thread_broadcast' } : {}),
    }),
  );
  return ok({ channel: channel.id, ts: message.ts, message: structuredClone(message) });
};

export const chatPostEphemeral: MethodHandler = (ctx) => {
  const { args, workspace } = ctx;
  const content = messageContent(ctx);
  if ('error' in content) return fail(content.error);
  const channel = workspace.postableChannel(arg(args, 'channel'));
  if ('error' in channel) return fail(channel.error);
  const user = arg(args, 'user');
  if (user === undefined || !workspace.users.has(user)) return fail('user_not_found');
  if (!channel.isIm && !channel.members.includes(user)) return fail('user_not_in_channel');
  const threadTs = arg(args, 'thread_ts');
  const message = workspace.botMessage({ ...content, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) });
  workspace.ephemerals.push({ channel: channel.id, user, message });
  return ok({ message_ts: message.ts });
};

export const chatUpdate: MethodHandler = (ctx) => {
  const { args, workspace } = ctx;
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const ts = arg(args, 'ts');
  const message = ts === undefined ? undefined : workspace.findMessage(channel.id, ts);
  if (!message) return fail('message_not_found');
  // Bots may only edit their own messages.
  if (message.user !== BOT_USER_ID) return fail('cant_update_message');
  const content = messageContent(ctx);
  if ('error' in content) return fail(content.error);
  Object.assign(message, content, { edited: { user: message.user, ts: workspace.ids.nextTs() } });
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: structuredClone(message) });
};

type Content = Pick<SandboxMessage, 'text' | 'blocks' | 'attachments' | 'metadata'>;

function messageContent({ args }: MethodContext): Content | { error: string } {
  const text = arg(args, 'text') ?? arg(args, 'markdown_text');
  const { blocks, attachments, metadata } = args;
  if (blocks !== undefined && !Array.isArray(blocks)) return { error: 'invalid_blocks' };
  if (attachments !== undefined && !Array.isArray(attachments)) return { error: 'invalid_attachments' };
  if (text === undefined && blocks === undefined && attachments === undefined) return { error: 'no_text' };
  if (text !== undefined && text.length > MAX_TEXT) return { error: 'msg_too_long' };
  if (Array.isArray(blocks) && blocks.length > MAX_BLOCKS) return { error: 'invalid_blocks' };
  return {
    text: text ?? '',
    ...(blocks === undefined ? {} : { blocks }),
    ...(attachments === undefined ? {} : { attachments }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}
