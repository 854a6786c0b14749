import { Campaign, OutboxMessage } from '@proactive-sms/persistence';
import { DATABASE_KINDS, createTemporaryDatabase, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import type { MessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { WHOLE_DAY, phones, recipientStates, seedCampaign } from './dispatch-fixtures';
import { type DispatcherHarness, startDispatcher, startTestSandbox } from './dispatcher-harness';

jest.setTimeout(120_000);

const everyone = (count: number, prefix: string) => phones(count, prefix).map((phone) => ({ phone, timezone: 'UTC' }));

describe.each(DATABASE_KINDS)('faults and limits (%s)', (kind) => {
  let sandbox: MessageBirdSandbox;
  let database: TemporaryDatabase;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ reportDelayMs: 3_600_000 });
    database = await createTemporaryDatabase(kind);
  });
  afterEach(async () => {
    await database.drop();
    await sandbox.stop();
  });

  async function withDispatcher(
    options: Parameters<typeof startDispatcher>[2],
    work: (dispatcher: DispatcherHarness) => Promise<void>,
  ) {
    const dispatcher = await startDispatcher(database, sandbox.url, { legalWindow: WHOLE_DAY, ...options });
    try {
      await work(dispatcher);
    } finally {
      await dispatcher.close();
    }
  }

  it('sends each recipient at most once through 429s, 5xx, timeouts and resets', async () => {
    await withDispatcher({ now: new Date().toISOString() }, async (dispatcher) => {
      const { listId } = await seedCampaign(dispatcher.orm, {
        start: '2026-01-01T00:00',
        legalWindow: WHOLE_DAY,
        now: dispatcher.clock.now(),
        recipients: everyone(60, '+1555040'),
      });
      sandbox.injectFaults({
        next: [
          { type: '429', retryAfterSeconds: 2 },
          { type: '500' },
          { type: 'timeout_after_accept' },
          { type: '429' },
          { type: 'reset_after_accept' },
          { type: 'connection_reset' },
          { type: '429' },
        ],
      });
      await dispatcher.runUntilSettled(1000);

      const references = sandbox.messages().map((message) => message.reference);
      expect(new Set(references).size).toBe(references.length);
      const states = await recipientStates(dispatcher.orm, listId);
      // 500 and the two failures after acceptance are unknown: never resent. 429s were retried and sent.
      expect(states['unknown']).toBeGreaterThanOrEqual(3);
      expect((states['sent'] ?? 0) + (states['unknown'] ?? 0)).toBe(60);
      expect(sandbox.stats().faultsByType['429']).toBe(3);
    });
  });

  it('never exceeds the provider cap, also across ticks', async () => {
    sandbox.configure({ rateCap: 20 });
    await withDispatcher({ maxRps: 20 }, async (dispatcher) => {
      const { listId } = await seedCampaign(dispatcher.orm, {
        start: '2026-01-01T00:00',
        legalWindow: WHOLE_DAY,
        now: new Date(),
        recipients: everyone(60, '+1555041'),
      });
      await dispatcher.runUntilSettled();
      expect(await recipientStates(dispatcher.orm, listId)).toEqual({ sent: 60 });
      expect(sandbox.stats().refused429).toBe(0);
    });
  });

  it("never exceeds a sender number's messages per second", async () => {
    sandbox.configure({ rateCap: 4 });
    await withDispatcher({ maxRps: 1000 }, async (dispatcher) => {
      const { listId } = await seedCampaign(dispatcher.orm, {
        start: '2026-01-01T00:00',
        legalWindow: WHOLE_DAY,
        now: new Date(),
        messagesPerSecond: 4,
        recipients: everyone(12, '+1555042'),
      });
      await dispatcher.runUntilSettled();
      expect(await recipientStates(dispatcher.orm, listId)).toEqual({ sent: 12 });
      expect(sandbox.stats().refused429).toBe(0);
    });
  });

  it('pauses the campaign and alerts its channel when the balance runs out, losing nobody', async () => {
    await withDispatcher({}, async (dispatcher) => {
      const { listId, campaignId } = await seedCampaign(dispatcher.orm, {
        start: '2026-01-01T00:00',
        legalWindow: WHOLE_DAY,
        now: dispatcher.clock.now(),
        messagesPerSecond: 2,
        recipients: everyone(5, '+1555043'),
      });
      sandbox.injectFaults({ next: [{ type: 'balance' }] });
      await dispatcher.runUntilSettled();
      const em = dispatcher.orm.em.fork();
      expect((await em.findOneOrFail(Campaign, campaignId)).status).toBe('paused');
      expect(await recipientStates(dispatcher.orm, listId)).toEqual({ pending: 5 });
      const alerts = await em.find(OutboxMessage, { kind: 'alert', channelId: 'C0CAMPAIGN' });
      expect(
        alerts.some(
          (alert) => String(alert.payload['title']).includes('balance') && alert.payload['campaignId'] === campaignId,
        ),
      ).toBe(true);
    });
  });

  it('fails an invalid recipient with the reason, and stops dispatching on a refused access key', async () => {
    await withDispatcher({ now: new Date().toISOString() }, async (dispatcher) => {
      const { listId } = await seedCampaign(dispatcher.orm, {
        start: '2026-01-01T00:00',
        legalWindow: WHOLE_DAY,
        now: dispatcher.clock.now(),
        recipients: everyone(2, '+1555044'),
      });
      sandbox.injectFaults({ recipient: '+15550440000', type: 'invalid_recipient' });
      await dispatcher.runUntilSettled(1000);
      const rows = await dispatcher.orm.em
        .fork()
        .getConnection()
        .execute<{ phone: string; state: string; last_error: string | null }[]>(
          'select phone, state, last_error from recipients where list_id = ? order by phone',
          [listId],
        );
      expect(rows[0]).toMatchObject({
        phone: '+15550440000',
        state: 'failed',
        last_error: expect.stringMatching(/\w/),
      });
      expect(rows[1]).toMatchObject({ state: 'sent' });
    });
    await withDispatcher(
      { now: new Date().toISOString(), accessKey: 'wrong-key', id: 'badkey' },
      async (dispatcher) => {
        const { listId } = await seedCampaign(dispatcher.orm, {
          start: '2026-01-01T00:00',
          legalWindow: WHOLE_DAY,
          now: dispatcher.clock.now(),
          recipients: everyone(3, '+1555045'),
        });
        await dispatcher.dispatch.tick();
        await dispatcher.dispatch.drain();
        expect(dispatcher.dispatch.halted).toMatch(/access_key|not allowed/i);
        await dispatcher.dispatch.tick(); // halted: claims nothing more
        await dispatcher.dispatch.drain();
        expect(await recipientStates(dispatcher.orm, listId)).toEqual({ pending: 3 });
        const alerts = await dispatcher.orm.em.fork().find(OutboxMessage, { kind: 'alert' });
        expect(alerts.some((alert) => String(alert.payload['title']).includes('access key'))).toBe(true);
      },
    );
  });
});
