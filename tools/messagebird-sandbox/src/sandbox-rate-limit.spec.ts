import { MessageBirdProvider, retryDelayMs, routeMessageBirdTo, type OutgoingSms } from '@proactive-sms/messagebird';
import { startMessageBirdSandbox, type MessageBirdSandbox } from './index';

let sandbox: MessageBirdSandbox;
let restoreRouting: () => void;

beforeAll(async () => {
  sandbox = await startMessageBirdSandbox({ port: 0, rateCap: 5 });
  restoreRouting = routeMessageBirdTo(sandbox.url);
});

afterAll(async () => {
  restoreRouting();
  await sandbox.stop();
});

const sms = (n: number): OutgoingSms => ({
  originator: 'Support',
  recipient: `+1555123${String(n).padStart(4, '0')}`,
  body: 'Reminder',
  reference: `burst-${n}`,
  reportUrl: 'http://127.0.0.1:9/status',
  datacoding: 'plain',
});

describe('the rate cap', () => {
  it('admits the cap, refuses the rest with 429 + Retry-After, counts the refusals', async () => {
    const provider = new MessageBirdProvider({ accessKey: sandbox.accessKey });
    // A burst far shorter than the one-second window.
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, n) => provider.send(sms(n))));

    const accepted = outcomes.filter((o) => o.kind === 'accepted');
    const limited = outcomes.filter((o) => o.kind === 'rate_limited');
    expect(accepted).toHaveLength(5);
    expect(limited).toHaveLength(7);
    for (const outcome of limited) expect(outcome).toMatchObject({ retryAfterMs: 1000 });
    expect(sandbox.stats()).toMatchObject({ requests: 12, accepted: 5, refused429: 7 });
    expect(sandbox.messages()).toHaveLength(5);

    // The adapter's backoff never comes back before Retry-After.
    for (const outcome of limited) {
      if (outcome.kind === 'rate_limited') expect(retryDelayMs(1, outcome.retryAfterMs)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('can be lifted at runtime', async () => {
    sandbox.reset();
    sandbox.configure({ rateCap: null });
    const provider = new MessageBirdProvider({ accessKey: sandbox.accessKey });
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, n) => provider.send(sms(n))));
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    expect(sandbox.stats().refused429).toBe(0);
  });
});
