// The downloader against two real local HTTP servers: one standing for Slack (the configured API host),
// one for somewhere else. The token must only ever reach the first.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileDownloadError, SlackFileDownloader } from './file-downloader';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; base: string; hits: IncomingMessage[] }> {
  const hits: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    hits.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe('SlackFileDownloader', () => {
  let slack: Awaited<ReturnType<typeof listen>>;
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  let downloader: SlackFileDownloader;

  beforeAll(async () => {
    elsewhere = await listen((_req, res) => res.end('stolen'));
    slack = await listen((req, res) => {
      if (req.headers.authorization !== 'Bearer xoxb-test') return void res.writeHead(403).end();
      const routes: Record<string, () => void> = {
        '/files/list.csv': () => res.end('timezone,phone_number\n'),
        '/files/moved.csv': () => res.writeHead(302, { location: '/files/list.csv' }).end(),
        '/files/away.csv': () => res.writeHead(302, { location: `${elsewhere.base}/grab` }).end(),
        '/files/big.csv': () => res.writeHead(200, { 'content-length': '2048' }).end('x'.repeat(2048)),
        '/files/stream.csv': () => {
          res.write('x'.repeat(700));
          res.end('x'.repeat(700));
        },
      };
      (routes[req.url ?? ''] ?? (() => res.writeHead(404).end()))();
    });
    downloader = new SlackFileDownloader('xoxb-test', `${slack.base}/api/`);
  });
  afterAll(async () => {
    await new Promise((resolve) => slack.server.close(resolve));
    await new Promise((resolve) => elsewhere.server.close(resolve));
  });

  it('downloads with the bot token, following a redirect that stays on Slack', async () => {
    expect((await downloader.download(`${slack.base}/files/list.csv`, 1024)).toString()).toBe(
      'timezone,phone_number\n',
    );
    expect((await downloader.download(`${slack.base}/files/moved.csv`, 1024)).toString()).toBe(
      'timezone,phone_number\n',
    );
  });

  it('never follows a redirect off Slack, and never sends the token elsewhere', async () => {
    await expect(downloader.download(`${slack.base}/files/away.csv`, 1024)).rejects.toThrow(
      /redirected the download to 127\.0\.0\.1:\d+, which is not Slack/,
    );
    await expect(downloader.download(`${elsewhere.base}/files/list.csv`, 1024)).rejects.toBeInstanceOf(
      FileDownloadError,
    );
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('refuses a file over the limit, whether or not its size is announced', async () => {
    await expect(downloader.download(`${slack.base}/files/big.csv`, 1024)).rejects.toThrow(/at most 1 KiB/);
    await expect(downloader.download(`${slack.base}/files/stream.csv`, 1024)).rejects.toThrow(/at most 1 KiB/);
  });

  it('accepts only https on slack.com otherwise', () => {
    const real = new SlackFileDownloader('xoxb-test', 'https://slack.com/api/');
    expect(real.isSlackUrl('https://files.slack.com/files-pri/T1-F1/download/a.csv')).toBe(true);
    expect(real.isSlackUrl('http://files.slack.com/files-pri/T1-F1/download/a.csv')).toBe(false);
    expect(real.isSlackUrl('https://files.slack.com.evil.example/a.csv')).toBe(false);
    expect(real.isSlackUrl('https://evilslack.com/a.csv')).toBe(false);
  });
});
