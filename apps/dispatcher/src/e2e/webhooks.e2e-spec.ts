import { OutboxMessage, OptOut } from '@proactive-sms/persistence';
import { DATABASE_KINDS, type TemporaryDatabase, createTemporaryDatabase } from '@proactive-sms/persistence/testing';
import { type MessageBirdSandbox, signMessageBirdWebhook } from '@proactive-sms/messagebird-sandbox';
import { SIGNING_KEY, WHOLE_DAY, addList, recipientStates, seedCampaign } from './dispatch-fixtures';
import { type DispatcherHarness, startDispatcher, startTestSandbox } from './dispatcher-harness';

jest.setTimeout(60_000);

type RecipientRow = { id: number | string; state: string; delivered_at: unknown; provider_message_id: string | null };

describe.each(DATABASE_KINDS)('MessageBird webhooks (%s)', (kind) => {
  let sandbox: MessageBirdSandbox;
  let database: TemporaryDatabase;
  let dispatcher: DispatcherHarness;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ reportDelayMs: 10 });
    database = await createTemporaryDatabase(kind);
    dispatcher = await startDispatcher(database, sandbox.url, {
      now: new Date().toISOString(),
      legalWindow: WHOLE_DAY,
    });
    sandbox.configure({ dispatcherUrl: dispatcher.url });
  });
  afterAll(async () => {
    await dispatcher.close();
    await database.drop();
    await sandbox.stop();
  });

  const sendAll = async () => {
    await dispatcher.dispatch.tick();
    await dispatcher.dispatch.drain();
  };
  const recipient = async (listId: number) =>
    (
      await dispatcher.orm.em
        .fork()
        .getConnection()
        .execute<RecipientRow[]>(
          'select id, state, delivered_at, provider_message_id from recipients where list_id = ?',
          [listId],
        )
    )[0] as RecipientRow;

  it('applies signed delivery reports, forward only', async () => {
    const { listId } = await seedCampaign(dispatcher.orm, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: dispatcher.clock.now(),
      recipients: [{ phone: '+12125550140', timezone: 'UTC', name: 'Ana' }],
    });
    await sendAll();
    await sandbox.reportsSettled();
    const delivered = await recipient(listId);
    expect(delivered.state).toBe('delivered');
    expect(delivered.delivered_at).toBeTruthy();

    // A late "sent" report, correctly signed, changes nothing.
    const url = `${dispatcher.url}/webhooks/messagebird/status?id=${delivered.provider_message_id}&reference=${delivered.id}&recipient=12125550140&status=sent&statusDatetime=${encodeURIComponent(new Date().toISOString())}`;
    const late = await fetch(url, {
      headers: { 'MessageBird-Signature-JWT': signMessageBirdWebhook({ url, signingKey: SIGNING_KEY }) },
    });
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ result: 'unchanged' });
    expect((await recipient(listId)).state).toBe('delivered');
  });

  it('refuses forged, altered, expired and replayed webhooks with 401 and changes nothing', async () => {
    const { listId } = await seedCampaign(dispatcher.orm, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: dispatcher.clock.now(),
      recipients: [{ phone: '+12125550141', timezone: 'UTC' }],
    });
    sandbox.configure({ reportDelayMs: 3_600_000 });
    await sendAll();
    sandbox.configure({ reportDelayMs: 10 });
    const sent = await recipient(listId);
    expect(sent.state).toBe('sent');
    const url = `${dispatcher.url}/webhooks/messagebird/status?id=${sent.provider_message_id}&reference=${sent.id}&recipient=12125550141&status=delivered&statusDatetime=${encodeURIComponent(new Date().toISOString())}`;
    const call = (target: string, signature?: string) =>
      fetch(target, { headers: signature ? { 'MessageBird-Signature-JWT': signature } : {} }).then(
        (response) => response.status,
      );

    expect(await call(url)).toBe(401); // no signature
    expect(await call(url, signMessageBirdWebhook({ url, signingKey: 'not-our-key' }))).toBe(401); // forged
    expect(
      await call(
        url.replace('status=delivered', 'status=delivery_failed'),
        signMessageBirdWebhook({ url, signingKey: SIGNING_KEY }),
      ),
    ).toBe(401); // altered
    expect(
      await call(url, signMessageBirdWebhook({ url, signingKey: SIGNING_KEY, now: new Date(Date.now() - 3_600_000) })),
    ).toBe(401); // expired
    expect((await recipient(listId)).state).toBe('sent');

    const token = signMessageBirdWebhook({ url, signingKey: SIGNING_KEY });
    expect(await call(url, token)).toBe(200);
    expect((await recipient(listId)).state).toBe('delivered');
    expect(await call(url, token)).toBe(401); // replayed
  });

  it('STOP opts the number out on that sender once: one confirmation, and no list on the sender texts it again', async () => {
    const seeded = await seedCampaign(dispatcher.orm, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: dispatcher.clock.now(),
      recipients: [{ phone: '+12125550142', timezone: 'UTC', name: 'Bo' }],
    });
    await sendAll();
    const before = sandbox.messages().length;

    const reply = await sandbox.sendInbound({
      originator: '12125550142',
      recipient: seeded.senderNumber.replace('+', ''),
      body: 'Stop!',
    });
    expect(reply.statusCode).toBe(200);
    await sandbox.sendInbound({
      originator: '12125550142',
      recipient: seeded.senderNumber.replace('+', ''),
      body: 'STOP',
    });
    const confirmations = sandbox.messages().slice(before);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.body).toMatch(/unsubscribed/);
    const em = dispatcher.orm.em.fork();
    expect(await em.count(OptOut, { senderNumber: seeded.senderNumberId, phone: '+12125550142', liftedAt: null })).toBe(
      1,
    );
    const relayed = await em.find(OutboxMessage, { channelId: seeded.inboxChannelId, kind: 'opt_out' });
    expect(relayed.map((message) => message.payload['phone'])).toContain('+12125550142');

    // A new list on the same campaign: the opted-out number is skipped, the other one texted.
    const next = await addList(dispatcher.orm, seeded.campaignId, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: dispatcher.clock.now(),
      recipients: [
        { phone: '+12125550142', timezone: 'UTC' },
        { phone: '+12125550143', timezone: 'UTC' },
      ],
    });
    const beforeList = sandbox.messages().length;
    await sendAll();
    expect(await recipientStates(dispatcher.orm, next)).toEqual({ opted_out: 1, sent: 1 });
    expect(
      sandbox
        .messages()
        .slice(beforeList)
        .map((message) => message.recipient),
    ).toEqual(['+12125550143']);

    // START lifts it, with one confirmation.
    await sandbox.sendInbound({
      originator: '12125550142',
      recipient: seeded.senderNumber.replace('+', ''),
      body: 'start',
    });
    expect(
      await em.fork().count(OptOut, { senderNumber: seeded.senderNumberId, phone: '+12125550142', liftedAt: null }),
    ).toBe(0);
    expect(sandbox.messages().at(-1)!.body).toMatch(/subscribed again/);
  });

  it('answers HELP, and relays an ordinary reply to the inbox channel once', async () => {
    const seeded = await seedCampaign(dispatcher.orm, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: dispatcher.clock.now(),
      recipients: [{ phone: '+12125550144', timezone: 'UTC', name: 'Cy' }],
    });
    await sendAll();
    const sender = seeded.senderNumber.replace('+', '');
    const before = sandbox.messages().length;
    await sandbox.sendInbound({ originator: '12125550144', recipient: sender, body: 'help' });
    expect(
      sandbox
        .messages()
        .slice(before)
        .map((message) => message.body),
    ).toEqual([expect.stringMatching(/Reply STOP/)]);

    const question = await sandbox.sendInbound({
      originator: '12125550144',
      recipient: sender,
      body: 'Can I change the delivery date?',
    });
    expect(question.statusCode).toBe(200);
    const em = dispatcher.orm.em.fork();
    const replies = await em.find(OutboxMessage, { channelId: seeded.inboxChannelId, kind: 'reply' });
    const relayed = replies.filter((message) => message.payload['body'] === 'Can I change the delivery date?');
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.payload).toMatchObject({
      phone: '+12125550144',
      recipientName: 'Cy',
      campaignId: seeded.campaignId,
    });
    expect(sandbox.messages().length).toBe(before + 1); // no auto-answer to an ordinary reply
  });
});
