// conversations.info / members / join / history / replies over the workspace's channels. Members are
// paginated with Slack's cursor scheme so a bot using client.paginate() is exercised too.
import { arg, fail, flag, ok, type MethodHandler } from './method-context';
import { BOT_USER_ID } from './sandbox-defaults';
import type { ChannelState } from './sandbox-workspace';

const DEFAULT_PAGE = 100;

export const conversationsInfo: MethodHandler = ({ args, workspace }) => {
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  return ok({ channel: channelObject(channel, flag(args, 'include_num_members')) });
};

export const conversationsMembers: MethodHandler = ({ args, workspace }) => {
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const all = memberIds(channel);
  const limit = Math.max(1, Number(arg(args, 'limit') ?? DEFAULT_PAGE) || DEFAULT_PAGE);
  const cursor = arg(args, 'cursor');
  const start = cursor === undefined ? 0 : decodeCursor(cursor);
  if (start === undefined) return fail('invalid_cursor');
  const page = all.slice(start, start + limit);
  const next = start + limit < all.length ? encodeCursor(start + limit) : '';
  return ok({ members: page, response_metadata: { next_cursor: next } });
};

export const conversationsJoin: MethodHandler = ({ args, workspace }) => {
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  if (channel.isPrivate || channel.isIm) return fail('method_not_supported_for_channel_type');
  if (channel.botIsMember) {
    return ok({
      channel: channelObject(channel, false),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    });
  }
  channel.botIsMember = true;
  return ok({ channel: channelObject(channel, false) });
};

/** Top-level messages (and broadcast replies), newest first, as Slack lists them. */
export const conversationsHistory: MethodHandler = ({ args, workspace }) => {
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  if (!channel.botIsMember) return fail('not_in_channel');
  const limit = Math.max(1, Number(arg(args, 'limit') ?? DEFAULT_PAGE) || DEFAULT_PAGE);
  const all = (workspace.history.get(channel.id) ?? [])
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast')
    .slice()
    .reverse();
  return ok({
    messages: structuredClone(all.slice(0, limit)),
    has_more: all.length > limit,
    pin_count: 0,
    response_metadata: { next_cursor: '' },
  });
};

/** The parent then its replies, oldest first. */
export const conversationsReplies: MethodHandler = ({ args, workspace }) => {
  const channel = workspace.findChannel(arg(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const ts = arg(args, 'ts');
  const list = workspace.history.get(channel.id) ?? [];
  const parent = list.find((m) => m.ts === ts);
  if (!parent) return fail('thread_not_found');
  const replies = list.filter((m) => m.thread_ts === ts && m.ts !== ts);
  return ok({
    messages: structuredClone([parent, ...replies]),
    has_more: false,
    response_metadata: { next_cursor: '' },
  });
};

function memberIds(channel: ChannelState): string[] {
  return channel.botIsMember ? [...channel.members, BOT_USER_ID] : [...channel.members];
}

function channelObject(channel: ChannelState, withCount: boolean): Record<string, unknown> {
  const base = {
    id: channel.id,
    created: channel.created,
    is_archived: channel.isArchived,
    is_member: channel.botIsMember,
    is_im: channel.isIm,
    is_mpim: false,
    is_private: channel.isPrivate,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
  };
  if (channel.isIm) return { ...base, user: channel.imUser, is_open: true };
  return {
    ...base,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_general: channel.name === 'general',
    creator: channel.members[0] ?? BOT_USER_ID,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    ...(withCount ? { num_members: memberIds(channel).length } : {}),
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
