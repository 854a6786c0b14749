import type { CampaignDigest } from '@proactive-sms/service-client';
import type { HomeView } from '../slack/slack-types';
import { overviewBlocks } from '../digest/digest.format';
import { context, divider, header, section } from './block-kit';
import { HELP_TEXT } from './help.view';

/** App Home: the same overview as the daily digest, for every active or paused campaign. */
export function homeView(campaigns: CampaignDigest[] | { unavailable: string }, zone: string): HomeView {
  const overview = Array.isArray(campaigns)
    ? overviewBlocks(campaigns, zone)
    : [section(`:warning: ${campaigns.unavailable}`)];
  return {
    type: 'home',
    blocks: [
      header('Proactive SMS'),
      context(`Campaign progress as of now (times in ${zone}).`),
      divider(),
      ...overview.slice(0, 90),
      section(HELP_TEXT),
    ],
  };
}
