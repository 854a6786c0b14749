import { observeRequestOf, RequestObservation } from '@proactive-sms/messagebird';
import type { MessageBird, MessageParameters } from 'messagebird';

/** What the package's callback got: its error as is (the shapes are what the adapter classifies), or the result. */
export type PackageResult<T> = { error: (Error & { statusCode?: number; errors?: unknown }) | null; result: T | null };

/**
 * Calls the package as is, under the adapter's request observation so that the package's per-request socket
 * listener is released afterwards (see RequestObservation.release) and keep-alive sockets do not warn.
 */
function call<T>(start: (done: (error: Error | null, result: T | null) => void) => void): Promise<PackageResult<T>> {
  const observation = new RequestObservation();
  return new Promise((resolve) =>
    observeRequestOf(observation, () =>
      start((error, result) => {
        observation.release();
        resolve({ error, result });
      }),
    ),
  );
}

export const createMessage = (client: MessageBird, params: MessageParameters) =>
  call<unknown>((done) => client.messages.create(params, done));

export const readMessage = (client: MessageBird, id: string) => call<unknown>((done) => client.messages.read(id, done));

export const listMessages = (client: MessageBird) =>
  call<unknown>((done) => client.messages.list({ status: 'sent', limit: 10 }, done));
