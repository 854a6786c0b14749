import type { Logger } from '@slack/bolt';
import type { CampaignServiceClient, OutboxItem } from '@proactive-sms/service-client';
import type { SlackGateway } from '../slack/slack-gateway';
import { slackErrorCode, slackErrorText } from '../support/user-facing-error';
import { isOutboxMessage, outboxMessage, outboxMetadata } from './outbox-message.format';

const ACTOR = 'system:slack-bot';
const BATCH = 20;

/**
 * Drains the service's outbox into Slack: replies, opt-outs and alerts the dispatcher queued. Each item
 * is posted at most once: the message carries the outbox id in its metadata, and an item offered again
 * (attempts > 1: an earlier try may have posted before the bot died or before the service heard back) is
 * first looked for in the channel/thread. A Slack failure is reported to the service, which keeps the item
 * and offers it again with backoff, so nothing is lost while Slack is down.
 *
 * It posts through its own WebClient without automatic retries: a post that failed with a 5xx may still
 * have landed, and only the metadata lookup can tell.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly logger: Logger,
    private readonly pollMs: number,
    private readonly zone: string,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: take what is due and deliver it. A pass already running is joined, never overlapped. */
  drainOnce(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.drainOnce().finally(() => this.schedule(this.pollMs));
    }, delayMs);
  }

  private async drain(): Promise<void> {
    for (;;) {
      let items: OutboxItem[];
      try {
        items = await this.service.takeOutbox(ACTOR, BATCH);
      } catch (error) {
        this.logger.warn(`outbox: could not take items from the service: ${(error as Error).message}`);
        return;
      }
      for (const item of items) await this.deliver(item);
      if (items.length < BATCH || this.stopped) return;
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    let ts: string;
    try {
      ts = (item.attempts > 1 ? await this.findPosted(item) : null) ?? (await this.post(item));
    } catch (error) {
      const reason = slackErrorText(error);
      this.logger.warn(`outbox: item ${item.id} (${item.kind}) not posted to ${item.channelId}: ${reason}`);
      await this.service.outboxFailed(ACTOR, item.id, reason).catch((e: unknown) => {
        this.logger.warn(
          `outbox: could not report item ${item.id} as failed (${(e as Error).message}); its lease will expire`,
        );
      });
      return;
    }
    try {
      await this.service.outboxDelivered(ACTOR, item.id, ts);
    } catch (error) {
      // Posted, but the service did not hear it: the item comes back after its lease and is found by its metadata.
      this.logger.warn(
        `outbox: item ${item.id} posted (${ts}) but not confirmed to the service: ${(error as Error).message}`,
      );
    }
  }

  private async post(item: OutboxItem): Promise<string> {
    try {
      return await this.postOnce(item);
    } catch (error) {
      // A public inbox channel the bot was never invited to: join it and try once more.
      if (slackErrorCode(error) === 'not_in_channel' && (await this.slack.ensureMember(item.channelId))) {
        return this.postOnce(item);
      }
      throw error;
    }
  }

  private postOnce(item: OutboxItem): Promise<string> {
    const message = outboxMessage(item, this.zone);
    return this.slack.postMessage({
      channel: item.channelId,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(item.threadTs ? { threadTs: item.threadTs } : {}),
      metadata: outboxMetadata(item.id),
    });
  }

  /** The ts of a message an earlier attempt already posted for this item, if any. */
  private async findPosted(item: OutboxItem): Promise<string | null> {
    const createdAt = Date.parse(item.createdAt);
    const oldest = Number.isFinite(createdAt) ? String(Math.floor(createdAt / 1000) - 60) : undefined;
    const messages = await this.slack.recentMessages(item.channelId, {
      ...(item.threadTs ? { threadTs: item.threadTs } : {}),
      ...(oldest && !item.threadTs ? { oldest } : {}),
      limit: 200,
    });
    const found = messages.find((m) => isOutboxMessage(m.metadata, item.id));
    if (found) this.logger.info(`outbox: item ${item.id} was already posted (${found.ts}); not posting it again`);
    return found?.ts ?? null;
  }
}
