// The in-memory workspace behind the Web API: users, conversations and their messages, files, pending
// uploads and views. Handlers change it; tests read it through the SlackSandbox handle.
import { addShare, buildFileObject } from './file-objects';
import { BOT_ID, APP_ID, BOT_USER_ID } from './sandbox-defaults';
import type { IdSource } from './sandbox-ids';
import type {
  NewSandboxFile,
  SandboxChannel,
  SandboxFileObject,
  SandboxMessage,
  SandboxUser,
  SandboxView,
} from './sandbox-types';

export interface ChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  botIsMember: boolean;
  members: string[];
  created: number;
  imUser?: string;
}

export interface StoredFile {
  file: SandboxFileObject;
  content: Buffer;
  redirectTo?: string;
}

export interface PendingUpload {
  key: string;
  fileId: string;
  filename: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  message: SandboxMessage;
}

export interface WorkspaceConfig {
  base: string;
  teamId: string;
  users: SandboxUser[];
  channels: SandboxChannel[];
}

export class SandboxWorkspace {
  readonly users = new Map<string, SandboxUser>();
  readonly channels = new Map<string, ChannelState>();
  readonly history = new Map<string, SandboxMessage[]>();
  readonly ephemerals: EphemeralMessage[] = [];
  readonly files = new Map<string, StoredFile>();
  /** Keyed by the secret in the upload URL. */
  readonly uploads = new Map<string, PendingUpload>();
  readonly views = new Map<string, SandboxView>();
  /** user ID → the ID of their App Home view, kept across publishes as Slack does. */
  readonly homeViews = new Map<string, string>();
  readonly expiredTriggers = new Set<string>();

  constructor(
    readonly config: WorkspaceConfig,
    readonly ids: IdSource,
  ) {
    this.load();
  }

  get teamId(): string {
    return this.config.teamId;
  }

  /** Back to the configured users and channels, with nothing posted, uploaded or opened. */
  load(): void {
    for (const map of [this.users, this.channels, this.history, this.files, this.uploads, this.views, this.homeViews]) {
      map.clear();
    }
    this.ephemerals.length = 0;
    this.expiredTriggers.clear();
    for (const user of this.config.users) this.users.set(user.id, { ...user });
    const everyone = this.config.users.map((u) => u.id);
    const created = Math.floor(Date.now() / 1000);
    for (const c of this.config.channels) {
      const isIm = c.id.startsWith('D');
      this.channels.set(c.id, {
        id: c.id,
        name: c.name,
        isPrivate: c.isPrivate ?? isIm,
        isArchived: c.isArchived ?? false,
        isIm,
        botIsMember: c.botIsMember ?? true,
        members: [...(c.members ?? everyone)],
        created,
      });
    }
  }

  /** By ID, by name (with or without #), or a user ID, which means the bot's DM with that user. */
  findChannel(ref: string): ChannelState | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    const byName = [...this.channels.values()].find((c) => !c.isIm && c.name === name);
    if (byName) return byName;
    if (this.users.has(ref)) return this.directMessage(ref);
    return undefined;
  }

  /** Slack answers `channel_not_found`, `is_archived` or `not_in_channel` before accepting a post. */
  postableChannel(ref: string | undefined): ChannelState | { error: string } {
    const channel = ref === undefined ? undefined : this.findChannel(ref);
    if (!channel) return { error: 'channel_not_found' };
    if (channel.isArchived) return { error: 'is_archived' };
    if (!channel.botIsMember) return { error: 'not_in_channel' };
    return channel;
  }

  addMessage(channelId: string, message: SandboxMessage): SandboxMessage {
    const list = this.history.get(channelId) ?? [];
    this.history.set(channelId, list);
    list.push(message);
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parent = list.find((m) => m.ts === message.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.reply_users = [...new Set([...(parent.reply_users ?? []), message.user])];
        parent.latest_reply = message.ts;
        message.parent_user_id = parent.user;
      }
    }
    return message;
  }

  findMessage(channelId: string, ts: string): SandboxMessage | undefined {
    return this.history.get(channelId)?.find((m) => m.ts === ts);
  }

  botMessage(fields: { text: string; ts?: string } & Partial<SandboxMessage>): SandboxMessage {
    const { text, ...rest } = fields;
    return {
      type: 'message',
      ts: this.ids.nextTs(),
      text,
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: this.teamId,
      ...rest,
    };
  }

  /** A file a user shared: stored, and posted in its channel as a `file_share` message. */
  addUserFile(input: NewSandboxFile): SandboxFileObject {
    const content = Buffer.isBuffer(input.content)
      ? input.content
      : Buffer.from(input.content, input.encoding === 'base64' ? 'base64' : 'utf8');
    const user = input.user ?? this.config.users[0]?.id ?? 'U0UNKNOWN';
    const file = buildFileObject(this.config.base, this.teamId, {
      id: this.ids.next('F'),
      name: input.name,
      title: input.title,
      mimetype: input.mimetype,
      user,
      size: content.length,
    });
    this.files.set(file.id, { file, content, redirectTo: input.redirectTo });
    if (input.channel !== undefined) {
      const channel = this.findChannel(input.channel);
      if (!channel) throw new Error(`addFile: unknown channel ${input.channel}`);
      const message: SandboxMessage = {
        type: 'message',
        subtype: 'file_share',
        ts: this.ids.nextTs(),
        text: '',
        user,
        team: this.teamId,
        upload: true,
        ...(input.threadTs === undefined ? {} : { thread_ts: input.threadTs }),
      };
      this.shareFile(file, channel, message, user);
    }
    return structuredClone(file);
  }

  /** Adds the share to the file and the message (carrying the file) to the channel. */
  shareFile(file: SandboxFileObject, channel: ChannelState, message: SandboxMessage, sharedBy: string): void {
    addShare(file, channel, {
      ts: message.ts,
      ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
      channel_name: channel.name,
      team_id: this.teamId,
      share_user_id: sharedBy,
      reply_users: [],
      reply_users_count: 0,
      reply_count: 0,
      source: 'UNKNOWN',
    });
    message.files = [...(message.files ?? []), structuredClone(file)];
    if (!this.findMessage(channel.id, message.ts)) this.addMessage(channel.id, message);
  }

  private directMessage(userId: string): ChannelState {
    const id = `D${userId.slice(1)}`;
    const existing = this.channels.get(id);
    if (existing) return existing;
    const channel: ChannelState = {
      id,
      name: id,
      isPrivate: true,
      isArchived: false,
      isIm: true,
      botIsMember: true,
      members: [userId],
      created: Math.floor(Date.now() / 1000),
      imUser: userId,
    };
    this.channels.set(id, channel);
    return channel;
  }
}
