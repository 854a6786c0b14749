// In simulated time a wait resolves at once. With more recipients claimed than may be in flight, the
// dispatcher waits for the provider's answers while time is simulated: it must still let those answers in
// (a wave loop made only of resolved promises once starved them and spun forever).
import type { MessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { createTemporaryDatabase, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import { WHOLE_DAY, phones, recipientStates, seedCampaign } from './dispatch-fixtures';
import { type DispatcherHarness, startDispatcher, startTestSandbox } from './dispatcher-harness';

jest.setTimeout(60_000);

describe('dispatching in simulated time', () => {
  let sandbox: MessageBirdSandbox;
  let database: TemporaryDatabase;
  let dispatcher: DispatcherHarness;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ latencyMs: 50, reportDelayMs: 3_600_000 });
    database = await createTemporaryDatabase('sqlite');
    dispatcher = await startDispatcher(database, sandbox.url, {
      now: '2027-03-10T12:00:00Z',
      legalWindow: WHOLE_DAY,
      maxInFlight: 1,
    });
  });
  afterAll(async () => {
    await dispatcher.close();
    await database.drop();
    await sandbox.stop();
  });

  it('sends everyone claimed beyond the requests in flight, each once', async () => {
    const { listId } = await seedCampaign(dispatcher.orm, {
      start: '2027-03-10T00:00',
      legalWindow: WHOLE_DAY,
      messagesPerSecond: 100,
      now: dispatcher.clock.now(),
      recipients: phones(6, '+1212555').map((phone) => ({ phone, timezone: 'UTC' })),
    });
    await dispatcher.runUntilSettled();
    expect(await recipientStates(dispatcher.orm, listId)).toEqual({ sent: 6 });
    expect(sandbox.messages()).toHaveLength(6);
  });
});
