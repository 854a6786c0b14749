import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook as the dispatcher would see it: the raw URL and body are what signatures are checked against. */
export type ReceivedWebhook = {
  method: string;
  /** Full URL as called: http://127.0.0.1:<port><path and query>. */
  url: string;
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
};

/**
 * A stand-in for the dispatcher's webhook endpoints in sandbox tests: records every request and answers with
 * `status` (200 unless changed). `next()` resolves with the next request, already received or yet to come.
 */
export class FakeDispatcher {
  readonly received: ReceivedWebhook[] = [];
  status = 200;
  responseBody = 'OK';
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.deliver({
        method: request.method ?? 'GET',
        url: `${this.url}${request.url ?? '/'}`,
        headers: request.headers,
        rawBody: Buffer.concat(chunks),
      });
      response.writeHead(this.status, { 'content-type': 'text/plain' });
      response.end(this.responseBody);
    });
  });
  private waiting: Array<(webhook: ReceivedWebhook) => void> = [];
  private read = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next request not yet returned by next(). */
  next(): Promise<ReceivedWebhook> {
    const webhook = this.received[this.read];
    if (webhook) {
      this.read += 1;
      return Promise.resolve(webhook);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Forgets what arrived so far: next() waits for what comes after. */
  skipReceived(): void {
    this.read = this.received.length;
  }

  async nextMany(count: number): Promise<ReceivedWebhook[]> {
    const webhooks: ReceivedWebhook[] = [];
    for (let i = 0; i < count; i++) webhooks.push(await this.next());
    return webhooks;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private deliver(webhook: ReceivedWebhook): void {
    this.received.push(webhook);
    const waiter = this.waiting.shift();
    if (waiter) {
      this.read += 1;
      waiter(webhook);
    }
  }
}
