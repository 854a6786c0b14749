// The client's error mapping, against a small local HTTP server that answers like the service does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CampaignServiceClient } from './campaign-service.client';
import { ServiceError, ServiceUnavailableError } from './service-error';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

describe('CampaignServiceClient', () => {
  let server: Server;
  let client: CampaignServiceClient;
  const seen: Seen[] = [];
  const replies = new Map<string, { status: number; body: unknown }>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const reply = replies.get(`${req.method} ${(req.url ?? '').split('?')[0]}`) ?? {
          status: 404,
          body: { message: 'nope' },
        };
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new CampaignServiceClient({ baseUrl: `http://127.0.0.1:${port}/`, token: 'token-0123456789abcdef' });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    replies.clear();
  });

  it('sends the token on reads and the actor on writes', async () => {
    replies.set('GET /sender-numbers', { status: 200, body: [] });
    replies.set('POST /campaigns/3/pause', { status: 200, body: { id: 3, status: 'paused' } });
    await client.listSenderNumbers({ smsCapable: true });
    await client.pauseCampaign('U0ADMIN', 3);
    expect(seen[0]).toMatchObject({ url: '/sender-numbers?smsCapable=true' });
    expect(seen[0]!.headers['authorization']).toBe('Bearer token-0123456789abcdef');
    expect(seen[0]!.headers['x-actor']).toBeUndefined();
    expect(seen[1]!.headers['x-actor']).toBe('U0ADMIN');
  });

  it('turns a 400 into field errors keyed like the modal', async () => {
    replies.set('POST /campaigns', {
      status: 400,
      body: { message: '2 fields need attention', fields: { name: 'taken', 'schedule.monday.close': 'before open' } },
    });
    const error = await client.createCampaign('U0ADMIN', {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).isValidation).toBe(true);
    expect((error as ServiceError).fields).toEqual({ name: 'taken', 'schedule.monday.close': 'before open' });
  });

  it('exposes a refused list (422) with its error log URL', async () => {
    replies.set('POST /campaigns/1/recipient-lists', {
      status: 422,
      body: {
        message: 'bad.csv was not added',
        errorCount: 1,
        errors: [{ line: 2, reason: 'Invalid Timezone', message: 'x' }],
        errorLogUrl: '/uploads/abc/error-log.csv',
      },
    });
    const error = (await client
      .uploadRecipientList('U0ADMIN', 1, {
        fileName: 'bad.csv',
        bytes: Buffer.from('a,b\n'),
        outreachStartAt: '2030-01-01T09:00',
      })
      .catch((e: unknown) => e)) as ServiceError;
    expect(error.refusal).toMatchObject({ errorCount: 1, errorLogUrl: '/uploads/abc/error-log.csv' });
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(seen[0]!.body).toContain('name="outreachStartAt"');
  });

  it('refuses an error log URL that is not one of the service', async () => {
    await expect(client.errorLog('https://evil.example/x.csv')).rejects.toThrow('Unexpected error log URL');
  });

  it('says so when the service cannot be reached', async () => {
    const down = new CampaignServiceClient({ baseUrl: 'http://127.0.0.1:9', token: 'token-0123456789abcdef' });
    await expect(down.digest()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
