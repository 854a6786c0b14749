import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Campaign, countRecipientsByList, RecipientList, sumStateCounts, queryRows } from '@proactive-sms/persistence';
import type { CampaignDigest } from '@proactive-sms/service-client';
import { Clock } from '../clock';
import { ServiceConfig } from '../config/service-config';
import { campaignWarnings } from '../campaigns/campaign.service';
import { RecipientListService } from '../recipient-lists/recipient-list.service';

export type { CampaignDigest } from '@proactive-sms/service-client';

/** A campaign that completed within this long still shows in the digest, with its final numbers. */
const COMPLETED_SHOWN_MS = 24 * 3_600_000;

/**
 * What the daily digest and App Home show: each active (or paused) campaign's progress, per list — and a
 * campaign that completed since the day before, so that its last texts and final numbers are reported once.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ServiceConfig,
    private readonly clock: Clock,
    private readonly lists: RecipientListService,
  ) {}

  async digest(): Promise<{ generatedAt: string; campaigns: CampaignDigest[] }> {
    const since = new Date(this.clock.now().getTime() - COMPLETED_SHOWN_MS);
    const recentlyCompleted = await queryRows<{ campaign_id: number | string }>(
      this.em,
      `select distinct l.campaign_id from recipient_lists l join campaigns c on c.id = l.campaign_id
        where c.status = 'completed' and l.completed_at >= ?`,
      [since],
    );
    const campaigns = await this.em.find(
      Campaign,
      {
        $or: [
          { status: { $in: ['active', 'paused'] } },
          { id: { $in: recentlyCompleted.map((row) => Number(row.campaign_id)) } },
        ],
      },
      { orderBy: { id: 'asc' }, populate: ['senderNumber', 'answer'] },
    );
    const digests: CampaignDigest[] = [];
    for (const campaign of campaigns) digests.push(await this.campaignDigest(campaign));
    return { generatedAt: this.clock.now().toISOString(), campaigns: digests };
  }

  private async campaignDigest(campaign: Campaign): Promise<CampaignDigest> {
    const lists = await this.em.find(
      RecipientList,
      { campaign: campaign.id },
      { orderBy: { id: 'asc' }, populate: ['campaign'] },
    );
    const views = await this.lists.views(campaign, lists);
    const counts = sumStateCounts((await countRecipientsByList(this.em, { campaignIds: [campaign.id] })).values());
    const [inbound] = await queryRows<{ replies: number | string | null; opt_outs: number | string | null }>(
      this.em,
      `select sum(case when kind = 'message' then 1 else 0 end) as replies, sum(case when kind = 'opt_out' then 1 else 0 end) as opt_outs
           from inbound_messages where campaign_id = ?`,
      [campaign.id],
    );
    const notReachedForecast = views.reduce((sum, view) => sum + view.forecast.notReachableBeforeEnd, 0);
    const finishes = views
      .map((view) => view.forecast.lastSendAt)
      .filter((value): value is string => value !== null && views.some((v) => v.counts.pending > 0));
    const totals = {
      recipients: views.reduce((sum, view) => sum + view.recipients, 0),
      sent: counts.sent + counts.delivered,
      delivered: counts.delivered,
      failed: counts.failed,
      unknown: counts.unknown,
      optedOut: counts.opted_out + Number(inbound?.opt_outs ?? 0),
      replies: Number(inbound?.replies ?? 0),
      notReached: counts.not_reached,
      pending: counts.pending + counts.sending,
    };
    const warnings = [...campaignWarnings(campaign.schedule, this.config)];
    if (campaign.status === 'paused') warnings.push('The campaign is paused: nobody is texted until it is resumed.');
    if (totals.unknown > 0) {
      warnings.push(
        `${totals.unknown} ${totals.unknown === 1 ? 'message has' : 'messages have'} an unknown outcome (the provider may or may not have sent it); they are not resent automatically.`,
      );
    }
    if (totals.failed > 0)
      warnings.push(
        `${totals.failed} ${totals.failed === 1 ? 'recipient' : 'recipients'} failed permanently; see the list for the reasons.`,
      );
    const missing = Math.max(notReachedForecast - totals.notReached, 0);
    if (missing > 0)
      warnings.push(
        `${missing} ${missing === 1 ? 'recipient' : 'recipients'} will not be reached before the list's end time.`,
      );
    return {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      slackChannelId: campaign.slackChannelId,
      senderNumber: campaign.senderNumber.number,
      lists: views.map(({ id, fileName, status, counts, progress, forecast, outreachStartAt, outreachEndAt }) => ({
        id,
        fileName,
        status,
        counts,
        progress,
        forecast,
        outreachStartAt,
        outreachEndAt,
      })),
      totals,
      expectedFinish: finishes.length > 0 ? finishes.sort().at(-1)! : null,
      warnings,
    };
  }
}
