import { DATABASE_KINDS, type TemporaryDatabase, createTemporaryDatabase } from '@proactive-sms/persistence/testing';
import type { MessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { WHOLE_DAY, phones, seedCampaign } from './dispatch-fixtures';
import { type DispatcherHarness, startDispatcher, startTestSandbox } from './dispatcher-harness';

jest.setTimeout(60_000);

/** The value of one sample in Prometheus' text format, e.g. `proactive_sms_sends_total{outcome="accepted"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(DATABASE_KINDS)('GET /metrics (%s)', (kind) => {
  let sandbox: MessageBirdSandbox;
  let database: TemporaryDatabase;
  let dispatcher: DispatcherHarness;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ reportDelayMs: 10 });
    database = await createTemporaryDatabase(kind);
    dispatcher = await startDispatcher(database, sandbox.url, { legalWindow: WHOLE_DAY });
    sandbox.configure({ dispatcherUrl: dispatcher.url });
  });
  afterAll(async () => {
    await dispatcher.close();
    await database.drop();
    await sandbox.stop();
  });

  const scrape = async (): Promise<{ type: string | null; text: string }> => {
    const response = await fetch(`${dispatcher.url}/metrics`);
    expect(response.status).toBe(200);
    return { type: response.headers.get('content-type'), text: await response.text() };
  };

  it('counts what a campaign did: sends by outcome, claims, queue, reports', async () => {
    const before = await scrape();
    expect(before.type).toMatch(/^text\/plain;.*version=0\.0\.4/);
    // Every outcome is there from the start, at 0; and the process metrics too.
    expect(sample(before.text, 'proactive_sms_sends_total{outcome="accepted"}')).toBe(0);
    expect(sample(before.text, 'proactive_sms_sends_total{outcome="unknown"}')).toBe(0);
    expect(before.text).toContain('process_resident_memory_bytes');

    await seedCampaign(dispatcher.orm, {
      start: '2026-01-01T00:00',
      legalWindow: WHOLE_DAY,
      now: new Date(),
      recipients: phones(4, '+1555070').map((phone) => ({ phone, timezone: 'UTC' })),
    });
    expect(sample((await scrape()).text, 'proactive_sms_due_recipients')).toBe(4);

    // The first request is refused with 429 (nothing sent): that one comes back later and is sent then.
    sandbox.injectFaults({ next: [{ type: '429', retryAfterSeconds: 1 }] });
    await dispatcher.dispatch.tick();
    await dispatcher.dispatch.drain();
    await sandbox.reportsSettled();

    const after = (await scrape()).text;
    expect(sample(after, 'proactive_sms_sends_total{outcome="accepted"}')).toBe(3);
    expect(sample(after, 'proactive_sms_sends_total{outcome="rate_limited"}')).toBe(1);
    expect(sample(after, 'proactive_sms_sends_total{outcome="unknown"}')).toBe(0);
    expect(sample(after, 'proactive_sms_claimed_recipients_total')).toBe(4);
    expect(sample(after, 'proactive_sms_claim_duration_seconds_count')).toBe(1);
    expect(sample(after, 'proactive_sms_rate_limit_wait_seconds_count')).toBe(4);
    expect(sample(after, 'proactive_sms_queue_depth{stage="claimed"}')).toBe(0);
    expect(sample(after, 'proactive_sms_queue_depth{stage="in_flight"}')).toBe(0);
    // The 429'd recipient waits for its retry: not due yet.
    expect(sample(after, 'proactive_sms_due_recipients')).toBe(0);
    expect(sample(after, 'proactive_sms_webhooks_total{kind="status",result="applied"}')).toBe(3);
  });

  it('counts a forged webhook as refused', async () => {
    const response = await fetch(`${dispatcher.url}/webhooks/messagebird/status?id=x&reference=1&status=delivered`, {
      headers: { 'MessageBird-Signature-JWT': 'forged' },
    });
    expect(response.status).toBe(401);
    expect(sample((await scrape()).text, 'proactive_sms_webhooks_total{kind="status",result="refused"}')).toBe(1);
  });
});
