import { initClient, type MessageBird, type MessageParameters } from 'messagebird';
import { toMsisdn } from './phone-number';
import { observeRequestOf, RequestObservation } from './request-observer';
import { classifyCreated, classifySendError } from './send-classifier';
import type { OutgoingSms, SendOutcome, SmsProvider } from './sms-provider';

export type MessageBirdProviderOptions = {
  accessKey: string;
  /** Socket inactivity timeout handed to the package (its default: 5 s). */
  timeoutMs?: number;
};

export const DEFAULT_MESSAGEBIRD_TIMEOUT_MS = 5_000;

/**
 * Sends through the unmodified `messagebird` package (callback API, `https` to rest.messagebird.com) and turns
 * every way a call can end into a SendOutcome. The package's timeout is an inactivity timeout on the socket, so a
 * server that trickles bytes could hold a call forever: a hard deadline of three timeouts ends it as "unknown".
 */
export class MessageBirdProvider implements SmsProvider {
  private readonly client: MessageBird;
  private readonly deadlineMs: number;

  constructor(options: MessageBirdProviderOptions) {
    if (!options.accessKey) throw new Error('MessageBirdProvider needs an access key');
    const timeoutMs = options.timeoutMs ?? DEFAULT_MESSAGEBIRD_TIMEOUT_MS;
    this.client = initClient(options.accessKey, timeoutMs);
    this.deadlineMs = timeoutMs * 3;
  }

  send(sms: OutgoingSms): Promise<SendOutcome> {
    return new Promise<SendOutcome>((resolve) => {
      const observation = new RequestObservation();
      let settled = false;
      const finish = (outcome: SendOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        observation.release();
        resolve(outcome);
      };
      const deadline = setTimeout(() => {
        observation.abort();
        finish({ kind: 'unknown', reason: `no answer within ${this.deadlineMs} ms` });
      }, this.deadlineMs);

      // A fresh object on every call: the package rewrites `recipients` in place into a comma-separated string.
      const params: MessageParameters = {
        originator: sms.originator,
        recipients: [toMsisdn(sms.recipient)],
        body: sms.body,
        reference: sms.reference,
        reportUrl: sms.reportUrl,
        datacoding: sms.datacoding,
      };
      try {
        observeRequestOf(observation, () =>
          this.client.messages.create(params, (error, message) =>
            finish(error ? classifySendError(error, observation.view()) : classifyCreated(message)),
          ),
        );
      } catch (error) {
        // Thrown while building the request (e.g. a control character in the access key): nothing was sent,
        // and sending the same thing again would throw again.
        finish({
          kind: 'rejected',
          reason: `request not sent: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
  }
}
