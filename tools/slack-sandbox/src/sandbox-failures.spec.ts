// Failure injection as the real WebClient sees it: HTTP 500s it retries, 429s with Retry-After, and
// Slack errors (HTTP 200, ok:false), each for a given number of calls.
import { webApi } from '@slack/bolt';
import { startSlackSandbox } from './sandbox-server';
import type { SlackSandbox } from './sandbox-types';
import { sandboxClient } from './spec-support';

describe('sandbox failure injection', () => {
  let sandbox: SlackSandbox;

  beforeAll(async () => {
    sandbox = await startSlackSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  it('fails chat.postMessage with HTTP 500 three times; a retrying client gets through on the fourth call', async () => {
    sandbox.setFailure('chat.postMessage', { status: 500, times: 3 });
    const retrying = sandboxClient(sandbox, { retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 0 } });

    await expect(retrying.chat.postMessage({ channel: 'C0INBOX', text: 'hello' })).resolves.toMatchObject({ ok: true });
    expect(sandbox.calls('chat.postMessage').map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(sandbox.messages('C0INBOX')).toHaveLength(1);
  });

  it('shows a non-retrying client the HTTP error', async () => {
    sandbox.setFailure('chat.postMessage', { status: 500, times: 1 });
    await expect(sandboxClient(sandbox).chat.postMessage({ channel: 'C0INBOX', text: 'x' })).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(sandboxClient(sandbox).chat.postMessage({ channel: 'C0INBOX', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('rate-limits with 429 and Retry-After', async () => {
    sandbox.setFailure('chat.postMessage', { status: 429, retryAfter: 7, times: 1 });
    const rejecting = sandboxClient(sandbox, { rejectRateLimitedCalls: true });
    await expect(rejecting.chat.postMessage({ channel: 'C0INBOX', text: 'x' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(sandbox.calls('chat.postMessage')[0]).toMatchObject({ status: 429, error: 'ratelimited' });

    sandbox.setFailure('chat.postMessage', { status: 429, retryAfter: 0, times: 1 });
    const waiting = sandboxClient(sandbox, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    await expect(waiting.chat.postMessage({ channel: 'C0INBOX', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers a Slack error with HTTP 200 until cleared when no count is given', async () => {
    sandbox.setFailure('users.info', { error: 'user_not_visible' });
    const client = sandboxClient(sandbox);
    for (let i = 0; i < 2; i += 1) {
      await expect(client.users.info({ user: 'U0ADMIN' })).rejects.toMatchObject({
        code: webApi.ErrorCode.PlatformError,
        data: { ok: false, error: 'user_not_visible' },
      });
    }
    sandbox.clearFailure('users.info');
    await expect(client.users.info({ user: 'U0ADMIN' })).resolves.toMatchObject({ ok: true });
  });

  it('can fail the byte upload of files.uploadV2, and be driven over HTTP', async () => {
    await fetch(`${sandbox.url}/__sandbox/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'upload', status: 500, times: 1 }),
    });
    await expect(
      sandboxClient(sandbox).files.uploadV2({ channel_id: 'C0INBOX', file: Buffer.from('a'), filename: 'a.csv' }),
    ).rejects.toThrow();
    expect(sandbox.calls().map((c) => `${c.method}:${c.status}`)).toEqual([
      'files.getUploadURLExternal:200',
      'upload:500',
    ]);
  });
});
