import type { Logger, RespondFn } from '@slack/bolt';
import type { Message } from '../slack/slack-types';
import { describeError } from '../support/user-facing-error';

/** A reply only the clicking or typing user sees, through the request's response_url. */
export function ephemeral(respond: RespondFn | undefined): (message: Message) => Promise<void> {
  return async (message) => {
    if (!respond) return;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
  };
}

/** Runs a use case after the ack; a failure is told to the user in plain words and logged, never thrown at Bolt. */
export async function tellFailures(
  logger: Logger,
  reply: (message: Message) => Promise<void>,
  what: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(`${what} failed: ${(error as Error).message}`);
    await reply({ text: `:x: ${describeError(error)}` }).catch(() => undefined);
  }
}
