import type { Logger } from '@slack/bolt';
import type { CampaignServiceClient } from '@proactive-sms/service-client';
import type { SlackGateway } from '../slack/slack-gateway';
import { Clock } from '../support/clock';
import { slackErrorText } from '../support/user-facing-error';
import { digestMessage, digestMetadata, isDigestOf } from './digest.format';
import { dayIn, nextDigestAt, startOfDaySeconds } from './digest-schedule';

export type DigestRun = { day: string; posted: number[]; skipped: number[]; failed: number[] };

/**
 * The daily digest: at DIGEST_TIME in ORG_TIMEZONE, each active or paused campaign gets its progress
 * posted in its channel. A campaign whose channel already has today's digest (found by the message
 * metadata, so a restart the same day does not post it twice) is skipped. `postDigest()` runs it now.
 */
export class DigestService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly logger: Logger,
    private readonly digestTime: string,
    private readonly zone: string,
    private readonly clock: Clock = new Clock(),
  ) {}

  start(): void {
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async postDigest(): Promise<DigestRun> {
    const now = this.clock.now();
    const day = dayIn(now, this.zone);
    const run: DigestRun = { day, posted: [], skipped: [], failed: [] };
    const digest = await this.service.digest();
    for (const campaign of digest.campaigns) {
      try {
        if (await this.alreadyPosted(campaign.slackChannelId, campaign.id, day, now)) {
          run.skipped.push(campaign.id);
          continue;
        }
        const message = digestMessage(campaign, this.zone, day);
        await this.slack.postMessage({
          channel: campaign.slackChannelId,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks } : {}),
          metadata: digestMetadata(campaign.id, day),
        });
        run.posted.push(campaign.id);
      } catch (error) {
        // One channel failing never stops the digest of the others.
        this.logger.warn(
          `digest: campaign ${campaign.id} not posted in ${campaign.slackChannelId}: ${slackErrorText(error)}`,
        );
        run.failed.push(campaign.id);
      }
    }
    this.logger.info(
      `digest ${day}: posted ${run.posted.length}, already there ${run.skipped.length}, failed ${run.failed.length}`,
    );
    return run;
  }

  private async alreadyPosted(channel: string, campaignId: number, day: string, now: Date): Promise<boolean> {
    const messages = await this.slack.recentMessages(channel, {
      oldest: String(startOfDaySeconds(now, this.zone)),
      limit: 200,
    });
    return messages.some((m) => isDigestOf(m.metadata, campaignId, day));
  }

  private arm(): void {
    const now = this.clock.now();
    const at = nextDigestAt(now, this.digestTime, this.zone);
    // At most ~25 hours away (a DST day), well within one setTimeout.
    const delay = this.clock.realDelay(at.getTime() - now.getTime());
    this.timer = setTimeout(() => {
      this.postDigest()
        .catch((error: unknown) => this.logger.error(`digest failed: ${(error as Error).message}`))
        .finally(() => this.arm());
    }, delay);
    this.timer.unref();
  }
}
