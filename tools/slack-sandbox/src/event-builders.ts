// Events API `event` objects as Slack sends them inside an event_callback, for SlackDriver.event().
// The file share matches what the sandbox stored for the same file, so the bot's files.info and
// download of the shared file hit real sandbox state.
import type { SandboxFileObject } from './sandbox-types';

export interface MessageEventInput {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  threadTs?: string;
  channelType?: 'channel' | 'group' | 'im';
}

export function messageEvent(input: MessageEventInput): Record<string, unknown> {
  const ts = input.ts ?? nextEventTs();
  return {
    type: 'message',
    channel: input.channel,
    user: input.user,
    text: input.text,
    ts,
    event_ts: ts,
    channel_type: input.channelType ?? 'channel',
    ...(input.threadTs === undefined ? {} : { thread_ts: input.threadTs }),
  };
}

/**
 * The `message` event (subtype file_share) Slack sends when a user shares a file in a channel. Its ts
 * is the share's ts in the sandbox, so a reply with thread_ts = ts lands in the file's thread.
 */
export function fileShareMessageEvent(
  file: SandboxFileObject,
  options: { channel: string; text?: string },
): Record<string, unknown> {
  const share = (file.shares.public?.[options.channel] ?? file.shares.private?.[options.channel])?.[0];
  const ts = share?.ts ?? nextEventTs();
  const isPrivate = file.shares.private?.[options.channel] !== undefined;
  return {
    type: 'message',
    subtype: 'file_share',
    channel: options.channel,
    user: file.user,
    text: options.text ?? '',
    files: [file],
    upload: true,
    display_as_bot: false,
    ts,
    event_ts: ts,
    channel_type: options.channel.startsWith('D') ? 'im' : isPrivate ? 'group' : 'channel',
    ...(share?.thread_ts === undefined ? {} : { thread_ts: share.thread_ts }),
  };
}

/** The lighter `file_shared` event (file id only; the bot must call files.info). */
export function fileSharedEvent(file: SandboxFileObject, options: { channel: string }): Record<string, unknown> {
  const ts = nextEventTs();
  return {
    type: 'file_shared',
    channel_id: options.channel,
    file_id: file.id,
    user_id: file.user,
    file: { id: file.id },
    event_ts: ts,
  };
}

let eventCounter = 0;
function nextEventTs(): string {
  eventCounter = (eventCounter + 1) % 1_000_000;
  return `${Math.floor(Date.now() / 1000)}.${String(eventCounter).padStart(6, '0')}`;
}
