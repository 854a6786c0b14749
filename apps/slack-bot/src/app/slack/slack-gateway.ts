import type { webApi } from '@slack/bolt';
import type { HomeView, KnownBlock, MessageMetadata, ModalView, SlackFile } from './slack-types';

type WebClient = webApi.WebClient;

/** One message as conversations.history/replies list it, with what the bot looks for. */
export type ListedMessage = {
  ts: string;
  text: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
};

/**
 * Slack's Web API as the bot uses it: a thin class over the WebClient so the services read as intent
 * (open a view, post in a thread, upload a file) and Slack's shapes stay here.
 */
export class SlackGateway {
  private readonly channelNames = new Map<string, string>();

  constructor(readonly client: WebClient) {}

  async openView(triggerId: string, view: ModalView): Promise<{ id: string; hash: string }> {
    const result = await this.client.views.open({ trigger_id: triggerId, view });
    return { id: result.view!.id!, hash: result.view!.hash! };
  }

  async updateView(viewId: string, view: ModalView, hash?: string): Promise<{ id: string; hash: string }> {
    const result = await this.client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) });
    return { id: result.view!.id!, hash: result.view!.hash! };
  }

  async publishHome(userId: string, view: HomeView): Promise<void> {
    await this.client.views.publish({ user_id: userId, view });
  }

  async postMessage(message: {
    channel: string;
    text: string;
    blocks?: KnownBlock[];
    threadTs?: string;
    metadata?: MessageMetadata;
  }): Promise<string> {
    const result = await this.client.chat.postMessage({
      channel: message.channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return result.ts!;
  }

  async postEphemeral(channel: string, user: string, text: string, blocks?: KnownBlock[]): Promise<void> {
    await this.client.chat.postEphemeral({ channel, user, text, ...(blocks ? { blocks } : {}) });
  }

  /**
   * Tells one person something only they see: ephemeral in the channel, or as a direct message from the
   * app when the bot cannot post there.
   */
  async tellUser(user: string, channel: string | undefined, text: string, blocks?: KnownBlock[]): Promise<void> {
    if (channel) {
      try {
        await this.postEphemeral(channel, user, text, blocks);
        return;
      } catch {
        // not in the channel: fall back to a direct message
      }
    }
    await this.postMessage({ channel: user, text, ...(blocks ? { blocks } : {}) });
  }

  async updateMessage(channel: string, ts: string, text: string, blocks: KnownBlock[]): Promise<void> {
    await this.client.chat.update({ channel, ts, text, blocks });
  }

  /** files.uploadV2: getUploadURLExternal, the bytes, completeUploadExternal (shared in the thread). */
  async uploadFile(upload: {
    channel: string;
    threadTs?: string;
    fileName: string;
    title: string;
    bytes: Buffer;
    comment?: string;
  }): Promise<void> {
    const file = {
      file: upload.bytes,
      filename: upload.fileName,
      title: upload.title,
      ...(upload.comment ? { initial_comment: upload.comment } : {}),
    };
    await this.client.files.uploadV2(
      upload.threadTs
        ? { ...file, channel_id: upload.channel, thread_ts: upload.threadTs }
        : { ...file, channel_id: upload.channel },
    );
  }

  async fileInfo(fileId: string): Promise<SlackFile> {
    const result = await this.client.files.info({ file: fileId });
    return toSlackFile(result.file as Record<string, unknown>);
  }

  async userRoles(userId: string): Promise<{ isAdmin: boolean; isOwner: boolean; deleted: boolean }> {
    const result = await this.client.users.info({ user: userId });
    const user = result.user;
    return {
      isAdmin: user?.is_admin === true,
      isOwner: user?.is_owner === true || user?.is_primary_owner === true,
      deleted: user?.deleted === true,
    };
  }

  /** "#name" for a channel id (cached); the id itself when Slack will not say. */
  async channelLabel(channelId: string): Promise<string> {
    const known = this.channelNames.get(channelId);
    if (known) return known;
    try {
      const result = await this.client.conversations.info({ channel: channelId });
      const name = result.channel?.name ? `#${result.channel.name}` : channelId;
      this.channelNames.set(channelId, name);
      return name;
    } catch {
      return channelId;
    }
  }

  /** Whether the bot is in a channel; joins a public one it is not in. False when it cannot be. */
  async ensureMember(channelId: string): Promise<boolean> {
    try {
      const info = await this.client.conversations.info({ channel: channelId });
      if (info.channel?.is_member) return true;
      if (info.channel?.is_private) return false;
      await this.client.conversations.join({ channel: channelId });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Recent messages of a channel (top level) or of one thread, with their metadata, newest first for a
   * channel and oldest first for a thread, as Slack lists them.
   */
  async recentMessages(
    channel: string,
    options: { threadTs?: string; oldest?: string; limit?: number } = {},
  ): Promise<ListedMessage[]> {
    const limit = options.limit ?? 100;
    const result = options.threadTs
      ? await this.client.conversations.replies({
          channel,
          ts: options.threadTs,
          include_all_metadata: true,
          limit,
        })
      : await this.client.conversations.history({
          channel,
          include_all_metadata: true,
          limit,
          ...(options.oldest ? { oldest: options.oldest } : {}),
        });
    return (result.messages ?? []).map((m) => ({
      ts: m.ts ?? '',
      text: m.text ?? '',
      ...(m.metadata ? { metadata: m.metadata as ListedMessage['metadata'] } : {}),
    }));
  }
}

export function toSlackFile(file: Record<string, unknown>): SlackFile {
  const shares: SlackFile['shares'] = {};
  const buckets = (file['shares'] ?? {}) as Record<string, Record<string, { ts?: string; thread_ts?: string }[]>>;
  for (const bucket of Object.values(buckets)) {
    for (const [channel, list] of Object.entries(bucket ?? {})) {
      const first = list?.[0];
      if (first?.ts) shares[channel] = { ts: first.ts, ...(first.thread_ts ? { threadTs: first.thread_ts } : {}) };
    }
  }
  return {
    id: String(file['id'] ?? ''),
    name: String(file['name'] ?? file['title'] ?? 'file'),
    size: Number(file['size'] ?? 0),
    mimetype: String(file['mimetype'] ?? ''),
    filetype: String(file['filetype'] ?? ''),
    urlPrivateDownload:
      typeof file['url_private_download'] === 'string'
        ? file['url_private_download']
        : typeof file['url_private'] === 'string'
          ? file['url_private']
          : null,
    shares,
  };
}
