import type { Logger } from '@slack/bolt';
import { AdminPolicy } from '../auth/admin-policy';
import { FileDownloadError, type SlackFileDownloader } from '../slack/file-downloader';
import type { SlackGateway } from '../slack/slack-gateway';
import type { SlackFile } from '../slack/slack-types';
import { RecentKeys } from '../support/recent-keys';
import { fileRefusedReply, sharedFileReply } from '../views/recipient-messages.view';
import { looksLikeCsv, MAX_CSV_BYTES, refuseBeforeDownload, summariseCsv } from './csv-inspection';

/** Files people mean as lists but saved in another format: they get told how to save a CSV. Others are not lists. */
const SPREADSHEET_TYPES = new Set(['xlsx', 'xls', 'xlsm', 'ods', 'numbers', 'tsv', 'gsheet']);

export type FileShare = {
  fileId: string;
  channel: string;
  user: string | undefined;
  /** Where to answer: the share's thread (or the thread it was shared in). */
  threadTs: string | undefined;
  /** The file object when the event carried one. */
  file?: SlackFile;
};

/**
 * A CSV shared in a channel the bot is in: the bot reads it (with its token, never off Slack), and answers
 * in the file's thread with its row count and an Add to campaign button. Slack announces a share twice
 * (a `message` with subtype file_share and a `file_shared` event): each file is handled once per channel.
 */
export class SharedFileService {
  private readonly handled = new RecentKeys(24 * 60 * 60_000);

  constructor(
    private readonly slack: SlackGateway,
    private readonly downloader: SlackFileDownloader,
    private readonly admins: AdminPolicy,
    private readonly logger: Logger,
  ) {}

  async onShared(share: FileShare): Promise<void> {
    const key = `${share.channel}:${share.fileId}`;
    if (!this.handled.claim(key)) return;
    try {
      await this.handle(share);
    } catch (error) {
      // A Slack failure: let a redelivery of the event try again.
      this.handled.release(key);
      throw error;
    }
  }

  private async handle(share: FileShare): Promise<void> {
    const file = share.file?.urlPrivateDownload ? share.file : await this.slack.fileInfo(share.fileId);
    if (!looksLikeCsv(file) && !SPREADSHEET_TYPES.has(file.filetype)) return;
    const shared = file.shares[share.channel];
    const threadTs = share.threadTs ?? shared?.threadTs ?? shared?.ts;
    const reply = (text: string, blocks?: Parameters<SlackGateway['postMessage']>[0]['blocks']) =>
      this.slack.postMessage({
        channel: share.channel,
        text,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { threadTs } : {}),
      });

    if (!share.user || !(await this.admins.isAdmin(share.user))) {
      if (share.user) {
        await this.slack.tellUser(
          share.user,
          share.channel,
          `:lock: Only Proactive SMS administrators can add recipient lists, so I left *${file.name}* alone.`,
        );
      }
      return;
    }
    const refusal = refuseBeforeDownload(file);
    if (refusal) {
      await reply(`:no_entry: ${refusal}`);
      return;
    }
    if (!file.urlPrivateDownload) {
      await reply(fileRefusedReply(file.name, 'Slack did not give me a download link for it.').text);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await this.downloader.download(file.urlPrivateDownload, MAX_CSV_BYTES);
    } catch (error) {
      if (!(error instanceof FileDownloadError)) throw error;
      this.logger.warn(`shared file ${file.id} not read: ${error.message}`);
      await reply(fileRefusedReply(file.name, error.message).text);
      return;
    }
    const summary = summariseCsv(bytes);
    if (!summary.ok) {
      await reply(fileRefusedReply(file.name, summary.reason).text);
      return;
    }
    const message = sharedFileReply(file.name, summary.rows, {
      fileId: file.id,
      channel: share.channel,
      threadTs: threadTs ?? '',
    });
    await reply(message.text, message.blocks);
  }
}
