import type { Logger } from '@slack/bolt';
import type { Campaign, CampaignServiceClient } from '@proactive-sms/service-client';
import { AdminPolicy, NOT_ADMIN_TEXT } from '../auth/admin-policy';
import type { SlackGateway } from '../slack/slack-gateway';
import type { Message } from '../slack/slack-types';
import { escapeMrkdwn } from '../support/text';
import { describeError } from '../support/user-facing-error';
import { campaignMessage, campaignStatusMessage, statusLabel } from '../views/campaign-message.view';
import { findCampaign } from './campaign-lookup';

export type Reply = (message: Message) => Promise<void>;
export type Transition = 'pause' | 'resume' | 'stop';

const PAST: Record<Transition, string> = { pause: 'paused', resume: 'resumed', stop: 'stopped' };

/** list, status, pause, resume and stop — from the slash command or the campaign message's buttons. */
export class CampaignActionsService {
  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly admins: AdminPolicy,
    private readonly logger: Logger,
    private readonly zone: string,
  ) {}

  async list(reply: Reply): Promise<void> {
    const campaigns = await this.service.listCampaigns();
    if (campaigns.length === 0) return reply({ text: 'No campaign yet. Create one with `/sms-campaign`.' });
    const lines = campaigns
      .slice(0, 50)
      .map(
        (c) =>
          `• *${escapeMrkdwn(c.name)}* (id ${c.id}) — ${statusLabel(c.status)} · ${c.counters.total} recipients · <#${c.slackChannelId}>`,
      );
    return reply({ text: `*Campaigns*\n${lines.join('\n')}` });
  }

  async status(reference: string, reply: Reply): Promise<void> {
    const found = await findCampaign(this.service, reference);
    if ('problem' in found) return reply({ text: found.problem });
    return reply(campaignStatusMessage(found.campaign, this.zone));
  }

  async statusById(campaignId: number, reply: Reply): Promise<void> {
    return reply(campaignStatusMessage(await this.service.getCampaign(campaignId), this.zone));
  }

  /** From the slash command: the campaign by name or id. */
  async transitionByReference(userId: string, action: Transition, reference: string, reply: Reply): Promise<void> {
    if (!(await this.admins.isAdmin(userId))) return reply({ text: NOT_ADMIN_TEXT });
    const found = await findCampaign(this.service, reference);
    if ('problem' in found) return reply({ text: found.problem });
    await this.transition(userId, action, found.campaign.id, reply);
  }

  /** From a button on the campaign message, which is then updated to the new state. */
  async transitionFromMessage(
    userId: string,
    action: Transition,
    campaignId: number,
    message: { channel: string; ts: string } | undefined,
    reply: Reply,
  ): Promise<void> {
    if (!(await this.admins.isAdmin(userId))) return reply({ text: NOT_ADMIN_TEXT });
    const campaign = await this.transition(userId, action, campaignId, reply);
    if (campaign && message) {
      const updated = campaignMessage(campaign);
      await this.slack
        .updateMessage(message.channel, message.ts, updated.text, updated.blocks ?? [])
        .catch((error: unknown) =>
          this.logger.warn(`could not update the campaign message: ${(error as Error).message}`),
        );
    }
  }

  private async transition(
    userId: string,
    action: Transition,
    campaignId: number,
    reply: Reply,
  ): Promise<Campaign | null> {
    let campaign: Campaign;
    try {
      campaign =
        action === 'pause'
          ? await this.service.pauseCampaign(userId, campaignId)
          : action === 'resume'
            ? await this.service.resumeCampaign(userId, campaignId)
            : await this.service.stopCampaign(userId, campaignId);
    } catch (error) {
      await reply({ text: `:x: ${describeError(error)}` });
      return null;
    }
    const detail =
      action === 'pause'
        ? 'Everyone still waiting stays waiting until it is resumed.'
        : action === 'resume'
          ? 'Due times were recomputed from now, inside the schedule.'
          : 'Nobody still waiting will be texted; a stopped campaign cannot be resumed.';
    await reply({ text: `<@${userId}> ${PAST[action]} *${escapeMrkdwn(campaign.name)}*. ${detail}` });
    return campaign;
  }
}
