import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { MessageBirdProvider } from './messagebird-provider';
import { routeMessageBirdTo } from './sandbox-routing';
import type { OutgoingSms } from './sms-provider';

// The real `messagebird` package talks to a scripted local server here; the full sandbox is exercised in
// tools/messagebird-sandbox. Each test scripts how the server answers.
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
type Received = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

let handler: Handler;
const received: Received[] = [];
const timers = new Set<NodeJS.Timeout>();
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    received.push({ method: request.method, url: request.url, headers: request.headers, body });
    handler(request, body, response);
  });
});
let baseUrl: string;
let restoreRouting: () => void;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  restoreRouting = routeMessageBirdTo(baseUrl);
});

afterAll(async () => {
  restoreRouting();
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const sms = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
  originator: 'Support',
  recipient: '+15551234567',
  body: 'Hello Ada',
  reference: 'recipient-1',
  reportUrl: 'https://dispatcher.example/webhooks/messagebird/status',
  datacoding: 'plain',
  ...overrides,
});

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

describe('MessageBirdProvider', () => {
  const provider = new MessageBirdProvider({ accessKey: 'test_key', timeoutMs: 300 });

  it('sends what MessageBird expects and returns the message id', async () => {
    handler = (_request, _body, response) => json(response, 201, { id: 'e8077d803532c0b5937c639b60216938' });
    await expect(provider.send(sms())).resolves.toEqual({
      kind: 'accepted',
      providerMessageId: 'e8077d803532c0b5937c639b60216938',
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/messages' });
    expect(request!.headers).toMatchObject({
      authorization: 'AccessKey test_key',
      'content-type': 'application/json',
      host: 'rest.messagebird.com',
    });
    expect(JSON.parse(request!.body)).toEqual({
      originator: 'Support',
      recipients: '15551234567',
      body: 'Hello Ada',
      reference: 'recipient-1',
      reportUrl: 'https://dispatcher.example/webhooks/messagebird/status',
      datacoding: 'plain',
    });
  });

  it('leaves the caller’s object alone (the package mutates what it is given)', async () => {
    handler = (_request, _body, response) => json(response, 201, { id: 'a'.repeat(32) });
    const message = sms();
    const before = structuredClone(message);
    await provider.send(message);
    await provider.send(message);
    expect(message).toEqual(before);
    expect(received.map((r) => JSON.parse(r.body).recipients)).toEqual(['15551234567', '15551234567']);
  });

  it('reads Retry-After from each 429, even for calls in flight together', async () => {
    handler = (_request, body, response) => {
      const seconds = String(JSON.parse(body).reference).replace('r-', '');
      json(
        response,
        429,
        { errors: [{ code: 1, description: 'Too many requests', parameter: null }] },
        {
          'retry-after': seconds,
        },
      );
    };
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((n) => provider.send(sms({ reference: `r-${n}` }))));
    expect(outcomes).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ kind: 'rate_limited', retryAfterMs: n * 1000, reason: expect.any(String) })),
    );
  });

  it('a 429 without Retry-After gives no hint', async () => {
    handler = (_request, _body, response) =>
      json(response, 429, { errors: [{ code: 1, description: 'Too many requests', parameter: null }] });
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
  });

  it('401: bad credentials', async () => {
    handler = (_request, _body, response) =>
      json(response, 401, {
        errors: [{ code: 2, description: 'Request not allowed (incorrect access_key)', parameter: 'access_key' }],
      });
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'bad_credentials' });
  });

  it('no answer before the timeout: unknown', async () => {
    handler = () => undefined;
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'unknown' });
    expect(received).toHaveLength(1);
  });

  it('an HTML 500, a response cut short, a reset after the request: unknown', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      response.end('<html><body>Internal Server Error</body></html>');
    };
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'unknown' });

    handler = (request, _body, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"id":');
      setImmediate(() => request.socket.destroy());
    };
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'unknown', reason: /request closed/ });

    handler = (request) => request.socket.destroy();
    await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'unknown' });
  });

  it('a server that trickles bytes forever is cut off by the hard deadline: unknown', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 50);
      timers.add(timer);
      response.on('close', () => clearInterval(timer));
    };
    await expect(new MessageBirdProvider({ accessKey: 'k', timeoutMs: 150 }).send(sms())).resolves.toMatchObject({
      kind: 'unknown',
      reason: /no answer within 450 ms/,
    });
  });

  it('a refused connection: not sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const restore = routeMessageBirdTo(`http://127.0.0.1:${port}`);
    try {
      await expect(provider.send(sms())).resolves.toMatchObject({ kind: 'not_sent', reason: /ECONNREFUSED/ });
    } finally {
      restore();
    }
  });

  it('does not let the package pile a timeout listener per request onto a kept-alive socket', async () => {
    handler = (_request, _body, response) => json(response, 201, { id: 'b'.repeat(32) });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 25; i++) await provider.send(sms());
    } finally {
      process.off('warning', onWarning);
    }
    const free = Object.values(https.globalAgent.freeSockets).flat() as Socket[];
    expect(free.length).toBeGreaterThan(0);
    for (const socket of free) expect(socket.listenerCount('timeout')).toBeLessThanOrEqual(2);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('needs an access key', () => {
    expect(() => new MessageBirdProvider({ accessKey: '' })).toThrow(/access key/);
  });
});
