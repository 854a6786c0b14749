import { randomBytes } from 'node:crypto';
import { toE164, toMsisdn, type DeliveryStatus } from '@proactive-sms/messagebird';
import { DeliveryReporter } from './delivery-reporter';
import { FaultPlan, type Fault } from './fault-plan';
import type { MessageRecord } from './message-record';
import type { CreateMessageRequest } from './message-validation';
import { RateWindow } from './rate-window';
import { applyConfig, type SandboxConfig } from './sandbox-config';
import { SandboxState, type InboundDelivery } from './sandbox-state';
import { resolveDatacoding } from './sms-measure';
import { WebhookClient } from './webhook-client';
import { deliverInbound, InboundInputError, type InboundInput } from './inbound-webhook';

/** The route MessageBird's inbound webhook is configured to call on the dispatcher. */
export const INBOUND_WEBHOOK_PATH = '/webhooks/messagebird/inbound';

/** MessageBird's message ids: 32 lower-case hex characters. */
export const newMessageId = (): string => randomBytes(16).toString('hex');

/** The sandbox's behaviour, shared by its HTTP API and the handle tests hold. */
export class SandboxCore {
  readonly state = new SandboxState();
  readonly faults = new FaultPlan();
  private readonly client = new WebhookClient();
  readonly reporter: DeliveryReporter;
  private rateWindow: RateWindow | null;

  constructor(
    private current: SandboxConfig,
    readonly accessKey: string,
    readonly signingKey: string,
    readonly now: () => Date = () => new Date(),
  ) {
    this.rateWindow = current.rateCap === null ? null : new RateWindow(current.rateCap);
    this.reporter = new DeliveryReporter({
      state: this.state,
      client: this.client,
      signingKey,
      config: () => this.current,
      now,
    });
  }

  get config(): SandboxConfig {
    return this.current;
  }

  configure(changes: unknown): SandboxConfig {
    const next = applyConfig(this.current, changes);
    if (next.rateCap !== this.current.rateCap)
      this.rateWindow = next.rateCap === null ? null : new RateWindow(next.rateCap);
    this.current = next;
    return next;
  }

  /** The rate cap's verdict on one more POST /messages, counted when refused. */
  admit(): { admitted: true } | { admitted: false; retryAfterSeconds: number } {
    if (!this.rateWindow) return { admitted: true };
    const verdict = this.rateWindow.admit(performance.now());
    if (verdict.admitted) return verdict;
    this.state.stats.refused429 += 1;
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryInMs / 1000)) };
  }

  /** Records an accepted message (a fault may set how its reports end) and schedules its status reports. */
  accept(request: CreateMessageRequest, fault: Fault | undefined): MessageRecord {
    const createdAt = this.now();
    const finalStatus: DeliveryStatus =
      fault?.type === 'delivery_failed' ? 'delivery_failed' : fault?.type === 'expired' ? 'expired' : 'delivered';
    const record: MessageRecord = {
      id: newMessageId(),
      type: request.type,
      originator: request.originator,
      body: request.body,
      reference: request.reference,
      reportUrl: request.reportUrl,
      validity: request.validity,
      gateway: request.gateway ?? 10,
      typeDetails: request.typeDetails,
      datacoding: resolveDatacoding(request.datacoding, request.body),
      mclass: request.mclass,
      scheduledAt: request.scheduledAt,
      createdAt,
      recipients: request.msisdns.map((msisdn) => ({
        msisdn,
        status: request.scheduledAt && request.scheduledAt > createdAt ? 'scheduled' : 'sent',
        statusDatetime: createdAt,
        statusReason: null,
        statusErrorCode: null,
        finalStatus,
        finalReason: finalReasonOf(finalStatus, fault),
        finalErrorCode:
          finalStatus === 'delivery_failed' ? (fault?.statusErrorCode ?? 1) : (fault?.statusErrorCode ?? null),
      })),
    };
    this.state.add(record);
    this.reporter.schedule(record);
    return record;
  }

  async sendInbound(input: unknown): Promise<InboundDelivery> {
    const { dispatcherUrl } = this.current;
    if (!dispatcherUrl)
      throw new InboundInputError('no dispatcher URL: start with DISPATCHER_URL or POST /__sandbox/config');
    const delivery = await deliverInbound(
      { client: this.client, signingKey: this.signingKey, now: this.now },
      `${dispatcherUrl}${INBOUND_WEBHOOK_PATH}`,
      parseInboundInput(input),
    );
    this.state.stats.inboundSent += 1;
    if (delivery.statusCode !== null && delivery.statusCode >= 200 && delivery.statusCode < 300) {
      this.state.stats.inboundAcknowledged += 1;
    }
    this.state.inbound.push(delivery);
    return delivery;
  }

  reset(): void {
    this.reporter.cancel();
    this.faults.clear();
    this.state.reset();
    if (this.current.rateCap !== null) this.rateWindow = new RateWindow(this.current.rateCap);
  }

  close(): void {
    this.reporter.cancel();
    this.client.close();
  }
}

function finalReasonOf(status: DeliveryStatus, fault: Fault | undefined): string | null {
  if (fault?.statusReason) return fault.statusReason;
  if (status === 'delivered') return 'successfully delivered';
  if (status === 'delivery_failed') return 'unknown subscriber';
  if (status === 'expired') return 'message expired';
  return null;
}

function parseInboundInput(input: unknown): InboundInput {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const originator = toE164(typeof body['originator'] === 'string' ? body['originator'] : undefined);
  const recipient = toE164(typeof body['recipient'] === 'string' ? body['recipient'] : undefined);
  if (!originator) throw new InboundInputError('"originator" must be the customer\'s phone number');
  if (!recipient) throw new InboundInputError('"recipient" must be our phone number that receives the text');
  if (typeof body['body'] !== 'string') throw new InboundInputError('"body" must be a string');
  return { originator: toMsisdn(originator), recipient: toMsisdn(recipient), body: body['body'] };
}
