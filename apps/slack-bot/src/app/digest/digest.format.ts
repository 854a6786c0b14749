import type { CampaignDigest } from '@proactive-sms/service-client';
import type { KnownBlock, Message, MessageMetadata } from '../slack/slack-types';
import { escapeMrkdwn, formatInstant } from '../support/text';
import { context, divider, header, section } from '../views/block-kit';
import { listLine, statusLabel } from '../views/campaign-message.view';

export const DIGEST_EVENT_TYPE = 'proactive_sms_digest';

export function digestMetadata(campaignId: number, day: string): MessageMetadata {
  return { event_type: DIGEST_EVENT_TYPE, event_payload: { campaignId, day } };
}

export function isDigestOf(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  campaignId: number,
  day: string,
): boolean {
  return (
    metadata?.event_type === DIGEST_EVENT_TYPE &&
    Number(metadata.event_payload?.['campaignId']) === campaignId &&
    metadata.event_payload?.['day'] === day
  );
}

export function totalsLine(totals: CampaignDigest['totals']): string {
  return [
    `sent ${totals.sent}`,
    `delivered ${totals.delivered}`,
    `failed ${totals.failed}`,
    `unknown ${totals.unknown}`,
    `opted out ${totals.optedOut}`,
    `replies ${totals.replies}`,
    `not reached ${totals.notReached}`,
    `waiting ${totals.pending}`,
  ].join(' · ');
}

/** One campaign's progress: a bar per list, the totals, the expected finish and the warnings. */
export function campaignDigestBlocks(campaign: CampaignDigest, zone: string): KnownBlock[] {
  const lists =
    campaign.lists.length === 0 ? ['No recipient list yet.'] : campaign.lists.slice(-15).map((list) => listLine(list));
  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(campaign.name)}* — ${statusLabel(campaign.status)} · ${campaign.totals.recipients} recipients · ${escapeMrkdwn(campaign.senderNumber)}\n${lists.join('\n')}`,
    ),
    context(`${totalsLine(campaign.totals)}\nExpected finish: ${formatInstant(campaign.expectedFinish, zone)}`),
  ];
  if (campaign.warnings.length > 0)
    blocks.push(context(campaign.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`).join('\n')));
  return blocks;
}

/** The daily digest message of one campaign, in its channel. */
export function digestMessage(campaign: CampaignDigest, zone: string, day: string): Message {
  return {
    text: `Daily digest for ${campaign.name} (${day}): ${totalsLine(campaign.totals)}`,
    blocks: [header(`Daily SMS digest · ${day}`), ...campaignDigestBlocks(campaign, zone)],
  };
}

/** The same overview for App Home: every campaign, most recent first, within Slack's 100 blocks. */
export function overviewBlocks(campaigns: CampaignDigest[], zone: string): KnownBlock[] {
  if (campaigns.length === 0) return [section('No active or paused campaign. Create one with `/sms-campaign`.')];
  const blocks: KnownBlock[] = [];
  for (const campaign of campaigns.slice(0, 20)) blocks.push(...campaignDigestBlocks(campaign, zone), divider());
  return blocks;
}
