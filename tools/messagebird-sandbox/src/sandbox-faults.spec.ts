import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MessageBirdProvider,
  routeMessageBirdTo,
  type OutgoingSms,
  type SendOutcome,
} from '@proactive-sms/messagebird';
import { startMessageBirdSandbox, type FaultType, type MessageBirdSandbox } from './index';
import { eventually } from './testing/eventually';

let sandbox: MessageBirdSandbox;
let restoreRouting: () => void;
// A short timeout: the held-socket faults end when the client gives up.
let provider: MessageBirdProvider;

beforeAll(async () => {
  sandbox = await startMessageBirdSandbox({ port: 0 });
  restoreRouting = routeMessageBirdTo(sandbox.url);
  provider = new MessageBirdProvider({ accessKey: sandbox.accessKey, timeoutMs: 300 });
});

afterAll(async () => {
  restoreRouting();
  await sandbox.stop();
});

beforeEach(() => sandbox.reset());

let sequence = 0;
const sms = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
  originator: 'Support',
  recipient: '+15551230000',
  body: 'Your appointment is tomorrow at 9:00.',
  reference: `ref-${++sequence}`,
  reportUrl: 'http://127.0.0.1:9/webhooks/messagebird/status',
  datacoding: 'plain',
  ...overrides,
});

describe('each fault maps to the SendOutcome the dispatcher must act on', () => {
  const cases: Array<[FaultType, SendOutcome['kind'], boolean]> = [
    ['429', 'rate_limited', false],
    ['500', 'unknown', false],
    ['timeout', 'unknown', false],
    ['timeout_after_accept', 'unknown', true],
    ['reset_after_accept', 'unknown', true],
    ['connection_reset', 'unknown', false],
    ['balance', 'insufficient_balance', false],
    ['invalid_recipient', 'invalid_recipient', false],
    ['bad_credentials', 'bad_credentials', false],
    ['delivered', 'accepted', true],
    ['delivery_failed', 'accepted', true],
    ['expired', 'accepted', true],
  ];

  it.each(cases)('%s → %s (recorded: %s)', async (type, kind, recorded) => {
    sandbox.injectFaults({ next: [{ type }] });
    const message = sms();
    const outcome = await provider.send(message);
    expect(outcome.kind).toBe(kind);
    expect(sandbox.messages({ reference: message.reference })).toHaveLength(recorded ? 1 : 0);
    expect(sandbox.stats()).toMatchObject({ faults: 1, faultsByType: { [type]: 1 }, accepted: recorded ? 1 : 0 });
    // The fault was used up: the next send goes through.
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'accepted' });
  });

  it('timeout_after_accept records the message exactly once, though the client never hears of it', async () => {
    sandbox.injectFaults({ next: [{ type: 'timeout_after_accept' }] });
    const message = sms({ reference: 'held-once' });
    await expect(provider.send(message)).resolves.toMatchObject({
      kind: 'unknown',
      reason: /after the request may have been sent/,
    });
    expect(sandbox.messages({ reference: 'held-once' })).toEqual([
      expect.objectContaining({ recipient: '+15551230000', body: message.body, status: expect.any(String) }),
    ]);
  });

  it('a 429 fault carries its Retry-After to the outcome', async () => {
    sandbox.injectFaults({ next: [{ type: '429', retryAfterSeconds: 7 }] });
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
  });

  it('applies recipient rules, a set number of times', async () => {
    sandbox.injectFaults({ recipient: '+1 555 000 9999', type: 'invalid_recipient', times: 2 });
    const target = sms({ recipient: '+15550009999' });
    await expect(provider.send(target)).resolves.toMatchObject({ kind: 'invalid_recipient' });
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'accepted' });
    await expect(provider.send(target)).resolves.toMatchObject({ kind: 'invalid_recipient' });
    await expect(provider.send(target)).resolves.toMatchObject({ kind: 'accepted' });
  });

  it('queues faults in order', async () => {
    sandbox.injectFaults({ next: [{ type: '429' }, { type: '500' }, { type: 'balance' }] });
    const kinds = [];
    for (let i = 0; i < 4; i++) kinds.push((await provider.send(sms())).kind);
    expect(kinds).toEqual(['rate_limited', 'unknown', 'insufficient_balance', 'accepted']);
  });
});

describe('transport failures', () => {
  it('a refused connection (nothing listening): not_sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const restore = routeMessageBirdTo(`http://127.0.0.1:${port}`);
    try {
      await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'not_sent' });
    } finally {
      restore();
    }
  });

  it('latency beyond the client timeout: unknown, and the sandbox still records the message', async () => {
    sandbox.configure({ latencyMs: 600 });
    try {
      const message = sms();
      await expect(provider.send(message)).resolves.toMatchObject({ kind: 'unknown' });
      await eventually(() => expect(sandbox.messages({ reference: message.reference })).toHaveLength(1));
    } finally {
      sandbox.configure({ latencyMs: 0 });
    }
  });
});
