import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { AnswerModalService } from '../answers/answer-modal.service';
import type { HomeService } from '../home/home.service';
import type { NumberModalService } from '../numbers/number-modal.service';
import { ANSWER_ACTIONS, ANSWER_CALLBACK } from '../views/answer.view';
import { NUMBER_CALLBACK } from '../views/number.view';

/** The answer and number modals, and App Home. */
export function registerModalListeners(
  app: App,
  deps: { answers: AnswerModalService; numbers: NumberModalService; home: HomeService },
): void {
  const { answers, numbers, home } = deps;

  app.action<BlockAction>(ANSWER_ACTIONS.body, async ({ ack, body }) => {
    await ack();
    await answers.preview(body);
  });
  app.view<ViewSubmitAction>(ANSWER_CALLBACK, async ({ ack, body, view }) => answers.submit(body.user.id, view, ack));
  app.view<ViewSubmitAction>(NUMBER_CALLBACK, async ({ ack, body, view }) => numbers.submit(body.user.id, view, ack));

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await home.publish(event.user);
  });
}
