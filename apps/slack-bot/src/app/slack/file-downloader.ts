/** Why a shared file was not read, in words for the person who shared it. */
export class FileDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDownloadError';
  }
}

const MAX_REDIRECTS = 3;

/**
 * Downloads a file a user shared (its url_private_download) with the bot token. The token only ever goes
 * to Slack: the URL must be on slack.com (or the configured Slack API host, e.g. the local sandbox), and a
 * redirect is followed only when it stays there — anything pointing elsewhere is refused, never fetched.
 */
export class SlackFileDownloader {
  private readonly extraHosts: ReadonlySet<string>;

  constructor(
    private readonly botToken: string,
    slackApiUrl: string,
    private readonly timeoutMs = 15_000,
  ) {
    const api = new URL(slackApiUrl);
    this.extraHosts = new Set(api.hostname.endsWith('slack.com') ? [] : [api.host]);
  }

  isSlackUrl(raw: string): boolean {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (this.extraHosts.has(url.host)) return url.protocol === 'http:' || url.protocol === 'https:';
    const host = url.hostname.toLowerCase();
    return url.protocol === 'https:' && (host === 'slack.com' || host.endsWith('.slack.com'));
  }

  async download(rawUrl: string, maxBytes: number): Promise<Buffer> {
    let url = rawUrl;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      if (!this.isSlackUrl(url)) {
        throw new FileDownloadError(
          hop === 0
            ? 'the file is not hosted on Slack, so I did not download it.'
            : `Slack redirected the download to ${safeHost(url)}, which is not Slack, so I did not follow it.`,
        );
      }
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { authorization: `Bearer ${this.botToken}` },
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new FileDownloadError(
          `Slack did not hand over the file (${(error as Error).message}). Try sharing it again.`,
        );
      }
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (!location) throw new FileDownloadError('Slack answered the download with a redirect to nowhere.');
        url = new URL(location, url).toString();
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new FileDownloadError('Slack refused me the file (is the files:read scope granted to the app?).');
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FileDownloadError(`Slack answered the download with HTTP ${response.status}. Try sharing it again.`);
      }
      if ((response.headers.get('content-type') ?? '').includes('text/html')) {
        await response.body?.cancel();
        throw new FileDownloadError('Slack answered with a web page instead of the file (is files:read granted?).');
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel();
        throw new FileDownloadError(tooLarge(declared, maxBytes));
      }
      return readCapped(response, maxBytes);
    }
    throw new FileDownloadError('Slack redirected the download too many times.');
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FileDownloadError(tooLarge(size, maxBytes));
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function tooLarge(size: number, maxBytes: number): string {
  return `the file is ${formatBytes(size)}; a recipient list may be at most ${formatBytes(maxBytes)} (3,500 rows fit easily). Split it into smaller lists.`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function safeHost(raw: string): string {
  try {
    return new URL(raw).host || 'another site';
  } catch {
    return 'another site';
  }
}
