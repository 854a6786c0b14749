// The driver's requests, captured raw by a plain HTTP endpoint and checked with Bolt's own verifier:
// good ones pass it, bad signatures and stale timestamps fail it, and payloads have Slack's shapes.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { SlackDriver } from './driver';

interface Captured {
  body: string;
  headers: IncomingHttpHeaders;
}

describe('SlackDriver', () => {
  const signingSecret = 'sandbox-signing-secret';
  const fixedNow = new Date('2025-03-10T15:00:00Z');
  let server: Server;
  let captured: Captured[];
  let driver: SlackDriver;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        captured.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    driver = new SlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, now: () => fixedNow });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    captured = [];
  });

  function verify(request: Captured, secret = signingSecret): void {
    verifySlackRequest({
      signingSecret: secret,
      body: request.body,
      headers: {
        'x-slack-signature': String(request.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
      },
      nowMilliseconds: fixedNow.getTime(),
    });
  }

  it('signs a slash command so that Bolt verifies it, form-encoded with Slack fields', async () => {
    const response = await driver.slashCommand({
      command: '/sms-campaign',
      text: 'create',
      userId: 'U0ADMIN',
      channelId: 'C0INBOX',
    });
    expect(response).toMatchObject({ status: 200, body: { received: true } });
    const [request] = captured;
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers['x-slack-request-timestamp']).toBe(String(fixedNow.getTime() / 1000));
    expect(() => verify(request!)).not.toThrow();
    expect(() => verify(request!, 'another-secret')).toThrow(/signature mismatch/);
    const fields = Object.fromEntries(new URLSearchParams(request!.body));
    expect(fields).toMatchObject({
      command: '/sms-campaign',
      text: 'create',
      user_id: 'U0ADMIN',
      channel_id: 'C0INBOX',
      team_id: 'T0SANDBOX',
    });
    expect(fields['trigger_id']).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(fields['response_url']).toMatch(/\/response-url\/commands\//);
  });

  it('sends a bad signature that fails verification', async () => {
    await driver.slashCommand(
      { command: '/sms-campaign', userId: 'U0ADMIN', channelId: 'C0INBOX' },
      { signature: 'bad' },
    );
    expect(() => verify(captured[0]!)).toThrow(/signature mismatch/);
  });

  it('sends a stale timestamp (6 minutes old) that fails verification', async () => {
    await driver.event({ type: 'app_mention', text: 'hi' }, { timestamp: 'stale' });
    expect(() => verify(captured[0]!)).toThrow(/stale/);
  });

  it('sends a future timestamp (6 minutes ahead) that Bolt accepts: the bot must refuse it itself', async () => {
    await driver.event({ type: 'app_mention', text: 'hi' }, { timestamp: 'future' });
    const request = captured[0]!;
    expect(Number(request.headers['x-slack-request-timestamp'])).toBe(fixedNow.getTime() / 1000 + 360);
    const accepted = isValidSlackRequest({
      signingSecret,
      body: request.body,
      headers: {
        'x-slack-signature': String(request.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
      },
      nowMilliseconds: fixedNow.getTime(),
    });
    expect(accepted).toBe(true);
  });

  it('wraps events in an event_callback envelope and marks redeliveries with retry headers', async () => {
    const first = await driver.event({
      type: 'message',
      channel: 'C0INBOX',
      user: 'U0ADMIN',
      text: 'hi',
      ts: '1.000001',
    });
    const eventId = first.request.payload['event_id'] as string;
    await driver.event(
      { type: 'message', channel: 'C0INBOX', user: 'U0ADMIN', text: 'hi', ts: '1.000001' },
      { eventId, retryNum: 1 },
    );
    const [original, retry] = captured.map((c) => ({ ...c, json: JSON.parse(c.body) as Record<string, unknown> }));
    expect(original!.json).toMatchObject({
      type: 'event_callback',
      team_id: 'T0SANDBOX',
      event: { type: 'message', event_ts: '1.000001' },
    });
    expect(original!.headers['x-slack-retry-num']).toBeUndefined();
    expect(retry!.json['event_id']).toBe(eventId);
    expect(retry!.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(() => verify(retry!)).not.toThrow();
  });

  it('sends interactivity as form field payload=<json>, with the view state built from the opened view', async () => {
    const view = {
      id: 'V000000001',
      blocks: [
        { type: 'input', block_id: 'name', element: { type: 'plain_text_input', action_id: 'value' } },
        { type: 'input', block_id: 'date', element: { type: 'datepicker', action_id: 'value' } },
      ],
    };
    await driver.viewSubmission({ userId: 'U0ADMIN', view, values: { name: { value: 'Spring' } } });
    await driver.blockAction({
      userId: 'U0ADMIN',
      channel: 'C0INBOX',
      message: { ts: '1.000002' },
      actions: [{ type: 'button', action_id: 'approve', value: 'c1' }],
    });
    const [submission, action] = captured.map(
      (c) => JSON.parse(new URLSearchParams(c.body).get('payload')!) as Record<string, unknown>,
    );
    expect(submission).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0ADMIN' },
      view: {
        id: 'V000000001',
        state: {
          values: {
            name: { value: { type: 'plain_text_input', value: 'Spring' } },
            date: { value: { selected_date: null } },
          },
        },
      },
    });
    expect(action).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: '1.000002', channel_id: 'C0INBOX' },
      actions: [{ action_id: 'approve', value: 'c1' }],
    });
    captured.forEach((c) => expect(() => verify(c)).not.toThrow());
  });

  it('sends url_verification as JSON and can omit the signature', async () => {
    await driver.urlVerification({ challenge: 'abc', signature: 'missing' });
    expect(JSON.parse(captured[0]!.body)).toEqual({
      token: expect.any(String),
      challenge: 'abc',
      type: 'url_verification',
    });
    expect(captured[0]!.headers['x-slack-signature']).toBeUndefined();
  });
});
