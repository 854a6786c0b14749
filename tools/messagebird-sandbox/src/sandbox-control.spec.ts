import { startMessageBirdSandbox, type MessageBirdSandbox } from './index';

// The /__sandbox API as curl, a benchmark script or another process uses it.
let sandbox: MessageBirdSandbox;

beforeAll(async () => {
  sandbox = await startMessageBirdSandbox({ port: 0, accessKey: 'k' });
});

afterAll(() => sandbox.stop());

beforeEach(() => sandbox.reset());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('application/json');
  return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
}

const send = (reference: string, recipients = '15551234567') =>
  call(
    'POST',
    '/messages',
    { originator: 'Support', recipients, body: 'hi', reference },
    { authorization: 'AccessKey k' },
  );

describe('/__sandbox', () => {
  it('lists accepted messages, filtered by reference', async () => {
    await send('a');
    await send('b', '15551234567,15557654321');
    const all = await call('GET', '/__sandbox/messages');
    expect(all.body.map((m: { reference: string; recipient: string }) => `${m.reference} ${m.recipient}`)).toEqual([
      'a +15551234567',
      'b +15551234567',
      'b +15557654321',
    ]);
    expect((await call('GET', '/__sandbox/messages?reference=a')).body).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        originator: 'Support',
        recipient: '+15551234567',
        body: 'hi',
        reference: 'a',
        datacoding: 'plain',
        reportUrl: null,
        status: 'sent',
        receivedAt: expect.any(String),
      },
    ]);
    expect((await call('GET', '/__sandbox/messages?reference=none')).body).toEqual([]);
  });

  it('changes settings at runtime and refuses nonsense', async () => {
    expect(
      (await call('POST', '/__sandbox/config', { latencyMs: 5, rateCap: 100, reportDelayMs: 0 })).body,
    ).toMatchObject({
      latencyMs: 5,
      rateCap: 100,
      reportDelayMs: 0,
    });
    expect((await call('GET', '/__sandbox/config')).body).toMatchObject({ latencyMs: 5 });
    const bad = await call('POST', '/__sandbox/config', { rateCap: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/rateCap/);
    expect((await call('POST', '/__sandbox/config', { speed: 'fast' })).status).toBe(400);
    expect((await call('POST', '/__sandbox/config', 'not json')).status).toBe(400);
    await call('POST', '/__sandbox/config', { latencyMs: 0, rateCap: null, reportDelayMs: 50 });
  });

  it('takes faults, shows them, applies them and clears them', async () => {
    const added = await call('POST', '/__sandbox/faults', {
      next: [{ type: '429', retryAfterSeconds: 3 }, { type: 'balance' }],
    });
    expect(added.body.next).toEqual([{ type: '429', retryAfterSeconds: 3 }, { type: 'balance' }]);

    const limited = await send('x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const balance = await send('y');
    expect(balance).toMatchObject({
      status: 422,
      body: { errors: [{ code: 25, description: 'Not enough balance', parameter: null }] },
    });

    await call('POST', '/__sandbox/faults', { recipient: '+15551234567', type: '500' });
    const html = await send('z');
    expect(html.status).toBe(500);
    await call('DELETE', '/__sandbox/faults');
    expect((await send('w')).status).toBe(201);
    expect((await call('POST', '/__sandbox/faults', { next: [{ type: 'nope' }] })).status).toBe(400);

    expect((await call('GET', '/__sandbox/stats')).body).toMatchObject({
      requests: 4,
      accepted: 1,
      faults: 3,
      faultsByType: { '429': 1, balance: 1, '500': 1 },
    });
  });

  it('500 faults answer HTML, as a load balancer would', async () => {
    await call('POST', '/__sandbox/faults', { next: [{ type: '500' }] });
    const response = await fetch(`${sandbox.url}/messages`, {
      method: 'POST',
      headers: { authorization: 'AccessKey k', 'content-type': 'application/json' },
      body: JSON.stringify({ originator: 'Support', recipients: '15551234567', body: 'hi' }),
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<html>/);
    expect(sandbox.messages()).toEqual([]);
  });

  it('resets everything but the settings', async () => {
    await send('a');
    await call('POST', '/__sandbox/faults', { next: [{ type: '500' }] });
    await call('POST', '/__sandbox/reset');
    expect((await call('GET', '/__sandbox/messages')).body).toEqual([]);
    expect((await call('GET', '/__sandbox/faults')).body).toEqual({ next: [], rules: [] });
    expect((await call('GET', '/__sandbox/stats')).body).toMatchObject({ requests: 0, accepted: 0 });
  });

  it('accepts form-encoded creates as MessageBird does', async () => {
    const response = await call('POST', '/messages', 'originator=Support&recipients=15551234567&body=hello+there', {
      authorization: 'AccessKey k',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response).toMatchObject({ status: 201, body: { body: 'hello there' } });
  });

  it('answers unknown routes like MessageBird, and reports an inbound call without a dispatcher', async () => {
    expect(await call('GET', '/balance')).toMatchObject({ status: 404, body: { errors: [{ code: 98 }] } });
    expect((await call('GET', '/__sandbox/nothing')).status).toBe(404);
    const inbound = await call('POST', '/__sandbox/inbound', {
      originator: '15557654321',
      recipient: '15550001111',
      body: 'x',
    });
    expect(inbound).toMatchObject({ status: 400, body: { error: expect.stringMatching(/dispatcher URL/) } });
    expect((await call('POST', '/messages', '{not json', { authorization: 'AccessKey k' })).status).toBe(400);
  });
});
