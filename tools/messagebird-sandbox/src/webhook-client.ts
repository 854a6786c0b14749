import http from 'node:http';
import https from 'node:https';

export type WebhookResponse = { statusCode: number; body: string };

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Sends the sandbox's webhooks. It has agents of its own: never https.globalAgent, which a test may have replaced
 * to route the messagebird package, and keep-alive so that thousands of reports a second reuse connections.
 */
export class WebhookClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: Buffer): Promise<WebhookResponse> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const request = (secure ? https : http).request(
        target,
        {
          method,
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: WEBHOOK_TIMEOUT_MS,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Closes every connection, so that a stopped sandbox lets its process exit. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
