import { MessageBirdProvider, routeMessageBirdTo } from '@proactive-sms/messagebird';
import { initClient } from 'messagebird';
import { startMessageBirdSandbox, type MessageBirdSandbox } from './index';
import { createMessage, listMessages, readMessage } from './testing/package-calls';

// The unmodified messagebird package, routed to the sandbox: what passes here passes against MessageBird.
let sandbox: MessageBirdSandbox;
let restoreRouting: () => void;

beforeAll(async () => {
  // Reports are held back so that what was accepted is read before any report changes its status.
  sandbox = await startMessageBirdSandbox({ port: 0, reportDelayMs: 3_600_000 });
  restoreRouting = routeMessageBirdTo(sandbox.url);
});

afterAll(async () => {
  restoreRouting();
  await sandbox.stop();
});

beforeEach(() => sandbox.reset());

describe('POST /messages and GET /messages/:id through the messagebird package', () => {
  const client = () => initClient(sandbox.accessKey, 2000);

  it('creates a message and answers with the full Message object', async () => {
    const { error, result } = await createMessage(client(), {
      originator: '+15550001111',
      recipients: ['+15551234567'],
      body: 'Hi Ada, your order shipped.',
      reference: 'recipient-42',
      reportUrl: 'https://dispatcher.example/webhooks/messagebird/status',
      datacoding: 'plain',
    });
    expect(error).toBeNull();
    const message = result as Record<string, unknown>;
    expect(Object.keys(message)).toEqual([
      'id',
      'href',
      'direction',
      'type',
      'originator',
      'body',
      'reference',
      'reportUrl',
      'validity',
      'gateway',
      'typeDetails',
      'datacoding',
      'mclass',
      'scheduledDatetime',
      'createdDatetime',
      'recipients',
    ]);
    expect(message).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      direction: 'mt',
      type: 'sms',
      originator: '+15550001111',
      body: 'Hi Ada, your order shipped.',
      reference: 'recipient-42',
      datacoding: 'plain',
      mclass: 1,
      scheduledDatetime: null,
      createdDatetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      recipients: {
        totalCount: 1,
        totalSentCount: 1,
        totalDeliveredCount: 0,
        totalDeliveryFailedCount: 0,
        items: [
          expect.objectContaining({
            recipient: 15551234567,
            status: 'sent',
            statusDatetime: expect.stringMatching(/\+00:00$/),
            messageLength: 27,
            messagePartCount: 1,
          }),
        ],
      },
    });
    expect(message['href']).toBe(`https://rest.messagebird.com/messages/${String(message['id'])}`);

    const read = await readMessage(client(), String(message['id']));
    expect(read.error).toBeNull();
    expect(read.result).toMatchObject({ id: message['id'], body: 'Hi Ada, your order shipped.' });

    expect(sandbox.messages()).toEqual([
      {
        id: message['id'],
        originator: '+15550001111',
        recipient: '+15551234567',
        body: 'Hi Ada, your order shipped.',
        reference: 'recipient-42',
        datacoding: 'plain',
        reportUrl: 'https://dispatcher.example/webhooks/messagebird/status',
        status: 'sent',
        receivedAt: message['createdDatetime'],
      },
    ]);
  });

  it('answers an empty request as MessageBird does (its own test suite’s expected message)', async () => {
    const { error } = await createMessage(client(), {} as never);
    expect(error?.message).toBe(
      'api error(s): no (correct) recipients found (code: 9, parameter: recipients), originator is required (code: 9, parameter: originator), body is required (code: 9, parameter: body)',
    );
    expect(error?.statusCode).toBe(422);
  });

  it('refuses malformed recipients and originators', async () => {
    const bad = await createMessage(client(), { originator: 'Support', recipients: ['not-a-number'], body: 'x' });
    expect(bad.error?.errors).toEqual([
      { code: 21, description: 'Bad request (phone number has unknown format)', parameter: 'recipients' },
    ]);
    const short = await createMessage(client(), { originator: 'Support', recipients: ['123'], body: 'x' });
    expect(short.error?.errors).toEqual([
      { code: 9, description: 'no (correct) recipients found', parameter: 'recipients' },
    ]);
    const originator = await createMessage(client(), {
      originator: 'A sender that is too long',
      recipients: ['15551234567'],
      body: 'x',
    });
    expect(originator.error?.errors).toEqual([
      { code: 10, description: 'originator is invalid', parameter: 'originator' },
    ]);
    expect(sandbox.messages()).toEqual([]);
    expect(sandbox.stats()).toMatchObject({ requests: 3, accepted: 0, rejected: 3 });
  });

  it('answers an unknown id with 404, code 20, exactly as MessageBird', async () => {
    const { error } = await readMessage(client(), 'ffffffffffffffffffffffffffffffff');
    expect(error?.message).toBe('api error(s): message not found (code: 20)');
    expect(error?.statusCode).toBe(404);
  });

  it('refuses a wrong key with 401 and MessageBird’s body', async () => {
    const { error } = await createMessage(initClient('live_wrong_key'), {
      originator: 'Support',
      recipients: ['15551234567'],
      body: 'x',
    });
    expect(error?.statusCode).toBe(401);
    expect(error?.errors).toEqual([
      { code: 2, description: 'Request not allowed (incorrect access_key)', parameter: 'access_key' },
    ]);
  });

  it('resolves datacoding auto from the body, and counts unicode parts', async () => {
    const { result } = await createMessage(client(), {
      originator: 'Support',
      recipients: ['15551234567'],
      body: 'Merci ’ beaucoup '.repeat(5),
      datacoding: 'auto',
    });
    expect(result).toMatchObject({
      datacoding: 'unicode',
      recipients: { items: [expect.objectContaining({ messageLength: 85, messagePartCount: 2 })] },
    });
  });

  it('lists messages', async () => {
    await createMessage(client(), { originator: 'Support', recipients: ['15551234567'], body: 'one' });
    await createMessage(client(), { originator: 'Support', recipients: ['15551234568'], body: 'two' });
    const { error, result } = await listMessages(client());
    expect(error).toBeNull();
    expect(result).toMatchObject({
      offset: 0,
      limit: 10,
      count: 2,
      totalCount: 2,
      items: [{ body: 'two' }, { body: 'one' }],
    });
  });
});

describe('MessageBirdProvider against the sandbox', () => {
  it('sends and gets the message id the sandbox recorded', async () => {
    const provider = new MessageBirdProvider({ accessKey: sandbox.accessKey });
    const outcome = await provider.send({
      originator: 'Support',
      recipient: '+15551234567',
      body: 'Hello',
      reference: 'r-1',
      reportUrl: 'http://127.0.0.1:9/status',
      datacoding: 'plain',
    });
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: sandbox.messages()[0]?.id });
  });

  it('a wrong access key: bad_credentials', async () => {
    const provider = new MessageBirdProvider({ accessKey: 'live_wrong_key' });
    await expect(
      provider.send({
        originator: 'Support',
        recipient: '+15551234567',
        body: 'Hello',
        reference: 'r-1',
        reportUrl: 'http://127.0.0.1:9/status',
        datacoding: 'plain',
      }),
    ).resolves.toMatchObject({ kind: 'bad_credentials' });
    expect(sandbox.messages()).toEqual([]);
  });
});
