import { randomBytes } from 'node:crypto';
import { rfc3339 } from './message-record';
import type { InboundDelivery } from './sandbox-state';
import type { WebhookClient } from './webhook-client';
import { signMessageBirdWebhook } from './webhook-signer';

/** Numbers as digits, the way MessageBird writes them in webhooks. */
export type InboundInput = { originator: string; recipient: string; body: string };

export class InboundInputError extends Error {}

type InboundDeps = { client: WebhookClient; signingKey: string; now: () => Date };

/**
 * Delivers an incoming SMS the way MessageBird's legacy SMS API forwards one to a number's webhook: a POST with
 * an `application/x-www-form-urlencoded` body of id, recipient, originator, body and createdDatetime (numbers as
 * bare digits, the time in RFC 3339), signed with MessageBird-Signature-JWT over the URL and the body.
 */
export async function deliverInbound(deps: InboundDeps, url: string, input: InboundInput): Promise<InboundDelivery> {
  const at = deps.now();
  const id = randomBytes(16).toString('hex');
  const form = new URLSearchParams({
    id,
    recipient: input.recipient,
    originator: input.originator,
    body: input.body,
    createdDatetime: rfc3339(at),
  });
  const payload = Buffer.from(form.toString(), 'utf8');
  const signature = signMessageBirdWebhook({ signingKey: deps.signingKey, url, payload, now: at });
  const entry = {
    id,
    originator: `+${input.originator}`,
    recipient: `+${input.recipient}`,
    body: input.body,
    url,
    at: rfc3339(at),
  };
  try {
    const response = await deps.client.send(
      'POST',
      url,
      { 'content-type': 'application/x-www-form-urlencoded', 'MessageBird-Signature-JWT': signature },
      payload,
    );
    return { ...entry, statusCode: response.statusCode, response: response.body };
  } catch (error) {
    return { ...entry, statusCode: null, error: error instanceof Error ? error.message : String(error) };
  }
}
