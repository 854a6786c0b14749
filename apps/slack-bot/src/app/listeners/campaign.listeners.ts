import type { App, BlockAction, ButtonAction, Logger, ViewSubmitAction } from '@slack/bolt';
import type { CampaignActionsService, Transition } from '../campaigns/campaign-actions.service';
import type { CreateCampaignService } from '../campaigns/create-campaign.service';
import type { AddRecipientsService } from '../recipients/add-recipients.service';
import { CAMPAIGN_MESSAGE_ACTIONS } from '../views/campaign-message.view';
import { CAMPAIGN_ACTIONS, CREATE_CAMPAIGN_CALLBACK } from '../views/create-campaign.view';
import { ephemeral, tellFailures } from './listener-support';

/** The Create SMS Campaign modal, and the buttons of a campaign's message. */
export function registerCampaignListeners(
  app: App,
  deps: {
    create: CreateCampaignService;
    actions: CampaignActionsService;
    recipients: AddRecipientsService;
    logger: Logger;
  },
): void {
  const { create, actions, recipients, logger } = deps;

  // A view submission is acknowledged with its inline errors, so the service call happens before the ack.
  app.view<ViewSubmitAction>(CREATE_CAMPAIGN_CALLBACK, async ({ ack, body, view }) =>
    create.submit(body.user.id, view, ack),
  );

  for (const actionId of [CAMPAIGN_ACTIONS.language, CAMPAIGN_ACTIONS.answer]) {
    app.action<BlockAction>(actionId, async ({ ack, body }) => {
      await ack();
      await create.refresh(body);
    });
  }

  app.action<BlockAction<ButtonAction>>(CAMPAIGN_MESSAGE_ACTIONS.status, async ({ ack, action, respond }) => {
    await ack();
    const reply = ephemeral(respond);
    await tellFailures(logger, reply, 'status', () => actions.statusById(Number(action.value), reply));
  });

  const transitions: [string, Transition][] = [
    [CAMPAIGN_MESSAGE_ACTIONS.pause, 'pause'],
    [CAMPAIGN_MESSAGE_ACTIONS.resume, 'resume'],
    [CAMPAIGN_MESSAGE_ACTIONS.stop, 'stop'],
  ];
  for (const [actionId, transition] of transitions) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const reply = ephemeral(respond);
      const message = body.channel && body.message ? { channel: body.channel.id, ts: body.message.ts } : undefined;
      await tellFailures(logger, reply, transition, () =>
        actions.transitionFromMessage(body.user.id, transition, Number(action.value), message, reply),
      );
    });
  }

  app.action<BlockAction<ButtonAction>>(
    CAMPAIGN_MESSAGE_ACTIONS.addRecipients,
    async ({ ack, body, action, respond }) => {
      await ack();
      const reply = ephemeral(respond);
      await tellFailures(logger, reply, 'add recipients', () =>
        recipients.openForCampaign(
          {
            userId: body.user.id,
            triggerId: body.trigger_id,
            campaignId: Number(action.value),
            channel: body.channel?.id ?? '',
            messageTs: body.message?.ts ?? '',
          },
          (text) => reply({ text }),
        ),
      );
    },
  );
}
