import type { App, BlockAction, ButtonAction, Logger, ViewSubmitAction } from '@slack/bolt';
import type { AddRecipientsService } from '../recipients/add-recipients.service';
import type { SharedFileService } from '../recipients/shared-file.service';
import { toSlackFile } from '../slack/slack-gateway';
import { ADD_FROM_FILE_ACTION } from '../views/recipient-messages.view';
import { RECIPIENTS_CALLBACK } from '../views/recipients.view';
import { ephemeral, tellFailures } from './listener-support';

/**
 * CSV shares (both announcements Slack makes of one share), the Add to campaign button, and the Add
 * recipients modal. Events are acknowledged by Bolt before these run.
 */
export function registerRecipientListeners(
  app: App,
  deps: { shared: SharedFileService; recipients: AddRecipientsService; logger: Logger },
): void {
  const { shared, recipients, logger } = deps;

  app.event('message', async ({ event }) => {
    if (event.subtype !== 'file_share') return;
    for (const file of event.files ?? []) {
      await shared.onShared({
        fileId: file.id,
        channel: event.channel,
        user: event.user,
        threadTs: event.thread_ts ?? event.ts,
        file: toSlackFile(file as unknown as Record<string, unknown>),
      });
    }
  });

  app.event('file_shared', async ({ event, context }) => {
    // The bot's own uploads (error logs, the template) are shared files too.
    if (event.user_id === context.botUserId) return;
    await shared.onShared({
      fileId: event.file_id,
      channel: event.channel_id,
      user: event.user_id,
      threadTs: undefined,
    });
  });

  app.action<BlockAction<ButtonAction>>(ADD_FROM_FILE_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const reply = ephemeral(respond);
    await tellFailures(logger, reply, 'add to campaign', () =>
      recipients.openForSharedFile(
        { userId: body.user.id, triggerId: body.trigger_id, value: action.value ?? '' },
        (text) => reply({ text }),
      ),
    );
  });

  app.view<ViewSubmitAction>(RECIPIENTS_CALLBACK, async ({ ack, body, view }) =>
    recipients.submit(body.user.id, view, ack),
  );
}
