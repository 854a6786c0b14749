import {
  InMemoryJtiStore,
  MessageBirdProvider,
  parseDeliveryReport,
  parseInboundMessage,
  routeMessageBirdTo,
  WebhookVerifier,
  type OutgoingSms,
} from '@proactive-sms/messagebird';
import { initClient } from 'messagebird';
import {
  INBOUND_WEBHOOK_PATH,
  signMessageBirdWebhook,
  startMessageBirdSandbox,
  type MessageBirdSandbox,
} from './index';
import { FakeDispatcher, type ReceivedWebhook } from './testing/fake-dispatcher';
import { readMessage } from './testing/package-calls';

let sandbox: MessageBirdSandbox;
let dispatcher: FakeDispatcher;
let restoreRouting: () => void;
let provider: MessageBirdProvider;

beforeAll(async () => {
  dispatcher = await new FakeDispatcher().start();
  sandbox = await startMessageBirdSandbox({
    port: 0,
    signingKey: 'test-signing-key',
    reportDelayMs: 10,
    dispatcherUrl: dispatcher.url,
  });
  restoreRouting = routeMessageBirdTo(sandbox.url);
  provider = new MessageBirdProvider({ accessKey: sandbox.accessKey });
});

afterAll(async () => {
  restoreRouting();
  await sandbox.stop();
  await dispatcher.stop();
});

beforeEach(() => {
  sandbox.reset();
  sandbox.configure({ sentReports: false });
  dispatcher.status = 200;
  dispatcher.responseBody = 'OK';
  dispatcher.skipReceived();
});

/** What the dispatcher does with a webhook: verify it (URL and raw body as received), with its replay store. */
const verifierFor = (store = new InMemoryJtiStore()) => new WebhookVerifier('test-signing-key', store);
const asSigned = (webhook: ReceivedWebhook) => ({
  url: webhook.url,
  rawBody: webhook.rawBody,
  signature: webhook.headers['messagebird-signature-jwt'] as string | undefined,
});
const queryOf = (webhook: ReceivedWebhook) => Object.fromEntries(new URL(webhook.url).searchParams);

const sms = (reference: string, recipient = '+15551234567'): OutgoingSms => ({
  originator: 'Support',
  recipient,
  body: 'Your parcel arrives today.',
  reference,
  reportUrl: `${dispatcher.url}/webhooks/messagebird/status`,
  datacoding: 'plain',
});

describe('delivery reports', () => {
  it('arrive as signed GETs that the WebhookVerifier accepts and the parser reads', async () => {
    const outcome = await provider.send(sms('recipient-7'));
    expect(outcome.kind).toBe('accepted');
    const report = await dispatcher.next();

    expect(report.method).toBe('GET');
    expect(report.rawBody).toHaveLength(0);
    await expect(verifierFor().verify(asSigned(report))).resolves.toMatchObject({ ok: true });
    expect(parseDeliveryReport(queryOf(report))).toEqual({
      providerMessageId: outcome.kind === 'accepted' ? outcome.providerMessageId : '',
      reference: 'recipient-7',
      recipient: '+15551234567',
      status: 'delivered',
      statusDatetime: expect.any(Date),
      statusReason: 'successfully delivered',
    });
    // MessageBird's field order and encoding.
    expect(new URL(report.url).search).toMatch(
      /^\?datacoding=plain&id=[0-9a-f]{32}&messageLength=26&messagePartCount=1&ported=0&price%5Bamount%5D=0\.000&price%5Bcurrency%5D=EUR&recipient=15551234567&reference=recipient-7&status=delivered&statusDatetime=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d%2B00%3A00&statusReason=successfully\+delivered$/,
    );

    await sandbox.reportsSettled();
    expect(sandbox.reports()).toEqual([
      expect.objectContaining({ reference: 'recipient-7', status: 'delivered', statusCode: 200 }),
    ]);
    expect(sandbox.stats()).toMatchObject({
      reportsSent: 1,
      reportsAcknowledged: 1,
      reportsFailed: 0,
      reportsPending: 0,
    });
  });

  it('are refused when replayed, altered, forged or expired', async () => {
    await provider.send(sms('recipient-8'));
    const report = asSigned(await dispatcher.next());
    const verifier = verifierFor();

    await expect(verifier.verify(report)).resolves.toMatchObject({ ok: true });
    await expect(verifier.verify(report)).resolves.toMatchObject({ ok: false, reason: /replayed/ });

    const altered = { ...report, url: report.url.replace('status=delivered', 'status=delivery_failed') };
    await expect(verifierFor().verify(altered)).resolves.toMatchObject({ ok: false, reason: /url_hash/ });

    const forged = { ...report, signature: signMessageBirdWebhook({ signingKey: 'not-the-key', url: report.url }) };
    await expect(verifierFor().verify(forged)).resolves.toMatchObject({ ok: false, reason: /signature/ });

    const later = new WebhookVerifier(
      'test-signing-key',
      new InMemoryJtiStore(),
      () => new Date(Date.now() + 10 * 60_000),
    );
    await expect(later.verify(report)).resolves.toMatchObject({ ok: false, reason: /exp/ });

    const unsigned = { ...report, signature: undefined };
    await expect(verifierFor().verify(unsigned)).resolves.toMatchObject({ ok: false });
  });

  it('go sent, then delivered, when sent reports are on; each has its own token id', async () => {
    sandbox.configure({ sentReports: true });
    await provider.send(sms('recipient-9'));
    const [first, second] = await dispatcher.nextMany(2);
    expect([queryOf(first!)['status'], queryOf(second!)['status']]).toEqual(['sent', 'delivered']);
    const verifier = verifierFor();
    const verdicts = [await verifier.verify(asSigned(first!)), await verifier.verify(asSigned(second!))];
    expect(verdicts.map((v) => v.ok)).toEqual([true, true]);
  });

  it('end in delivery_failed when a fault says so, and the message object follows', async () => {
    sandbox.injectFaults({
      recipient: '+15550000666',
      type: 'delivery_failed',
      statusErrorCode: 103,
      statusReason: 'stopped',
    });
    const outcome = await provider.send(sms('recipient-10', '+15550000666'));
    const report = await dispatcher.next();
    expect(parseDeliveryReport(queryOf(report))).toMatchObject({
      status: 'delivery_failed',
      errorCode: 103,
      statusReason: 'stopped',
    });
    await sandbox.reportsSettled();

    const id = outcome.kind === 'accepted' ? outcome.providerMessageId : '';
    const { result } = await readMessage(initClient(sandbox.accessKey), id);
    expect(result).toMatchObject({
      recipients: {
        totalCount: 1,
        totalSentCount: 1,
        totalDeliveredCount: 0,
        totalDeliveryFailedCount: 1,
        items: [expect.objectContaining({ status: 'delivery_failed', statusErrorCode: 103, statusReason: 'stopped' })],
      },
    });
    expect(sandbox.messages({ reference: 'recipient-10' })[0]?.status).toBe('delivery_failed');
  });

  it('record what the dispatcher answered, failures included', async () => {
    dispatcher.status = 503;
    await provider.send(sms('recipient-11'));
    await dispatcher.next();
    await sandbox.reportsSettled();
    expect(sandbox.reports()).toEqual([expect.objectContaining({ reference: 'recipient-11', statusCode: 503 })]);
    expect(sandbox.stats()).toMatchObject({ reportsSent: 1, reportsAcknowledged: 0, reportsFailed: 1 });
  });

  it('are only sent for messages with a reference and a report URL', async () => {
    await provider.send({ ...sms('x'), reportUrl: '' });
    await sandbox.reportsSettled();
    expect(sandbox.stats()).toMatchObject({ accepted: 1, reportsSent: 0 });
  });
});

describe('inbound messages', () => {
  it('are posted form-encoded and signed to the dispatcher, and the sandbox answers with its reply', async () => {
    dispatcher.responseBody = 'received';
    const delivery = await sandbox.sendInbound({
      originator: '+15557654321',
      recipient: '+15550001111',
      body: 'STOP please',
    });
    const webhook = await dispatcher.next();

    expect(delivery).toMatchObject({
      statusCode: 200,
      response: 'received',
      url: `${dispatcher.url}${INBOUND_WEBHOOK_PATH}`,
    });
    expect(webhook.method).toBe('POST');
    expect(webhook.url).toBe(`${dispatcher.url}${INBOUND_WEBHOOK_PATH}`);
    expect(webhook.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(webhook.rawBody.toString()).toMatch(
      /^id=[0-9a-f]{32}&recipient=15550001111&originator=15557654321&body=STOP\+please&createdDatetime=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d%2B00%3A00$/,
    );

    await expect(verifierFor().verify(asSigned(webhook))).resolves.toMatchObject({ ok: true });
    const tampered = {
      ...asSigned(webhook),
      rawBody: Buffer.from(webhook.rawBody.toString().replace('STOP', 'START')),
    };
    await expect(verifierFor().verify(tampered)).resolves.toMatchObject({ ok: false, reason: /payload_hash/ });

    expect(parseInboundMessage(Object.fromEntries(new URLSearchParams(webhook.rawBody.toString())))).toEqual({
      providerMessageId: delivery.id,
      originator: '+15557654321',
      recipient: '+15550001111',
      body: 'STOP please',
      receivedAt: expect.any(Date),
    });
    expect(sandbox.inbound()).toEqual([delivery]);
    expect(sandbox.stats()).toMatchObject({ inboundSent: 1, inboundAcknowledged: 1 });
  });

  it('go through the HTTP control API too, with the dispatcher’s status passed back', async () => {
    dispatcher.status = 401;
    dispatcher.responseBody = 'bad signature';
    const response = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ originator: '15557654321', recipient: '15550001111', body: 'Hi' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ statusCode: 401, response: 'bad signature', body: 'Hi' });
    await dispatcher.next();
  });

  it('refuse input that is not a phone number', async () => {
    await expect(sandbox.sendInbound({ originator: 'Bank', recipient: '+15550001111', body: 'x' })).rejects.toThrow(
      /originator/,
    );
  });
});
