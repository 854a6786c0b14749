import type { App } from '@slack/bolt';
import type { CampaignCommandService } from '../campaigns/campaign-command.service';
import { HELP_TEXT } from '../views/help.view';
import { ephemeral } from './listener-support';

export const SLASH_COMMAND = '/sms-campaign';

export function registerCommandListeners(app: App, commands: CampaignCommandService): void {
  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    await commands.handle(
      { text: command.text, userId: command.user_id, channelId: command.channel_id, triggerId: command.trigger_id },
      ephemeral(respond),
    );
  });

  // "@Proactive SMS" in a channel: what the bot can do, in the mention's thread.
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: HELP_TEXT, thread_ts: event.thread_ts ?? event.ts });
  });
}
