// The sandbox seen through the real WebClient (@slack/web-api, via Bolt's re-export): auth, messages,
// views, users and conversations answer with Slack's shapes and Slack's errors.
import { webApi } from '@slack/bolt';
import { startSlackSandbox } from './sandbox-server';
import type { SlackSandbox } from './sandbox-types';
import { sandboxClient } from './spec-support';

describe('local Slack Web API', () => {
  let sandbox: SlackSandbox;
  let client: webApi.WebClient;

  beforeAll(async () => {
    sandbox = await startSlackSandbox();
    client = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  describe('auth', () => {
    it('answers auth.test with the bot identity Bolt reads at start', async () => {
      const result = await client.auth.test();
      expect(result).toMatchObject({ ok: true, team_id: 'T0SANDBOX', user_id: 'U0BOT', bot_id: 'B0BOT' });
      expect(result.response_metadata?.scopes).toContain('chat:write');
    });

    it('refuses a wrong token with invalid_auth and no token with not_authed, both over HTTP 200', async () => {
      await expect(sandboxClient(sandbox, { token: 'xoxb-wrong' }).auth.test()).rejects.toMatchObject({
        code: webApi.ErrorCode.PlatformError,
        data: { ok: false, error: 'invalid_auth' },
      });
      const response = await fetch(`${sandbox.apiUrl}auth.test`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
    });

    it('answers unknown_method for a method it does not know', async () => {
      await expect(client.apiCall('campaigns.launch')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    });

    it('accepts JSON bodies with a bearer token and GET with the token in the query', async () => {
      const json = await fetch(`${sandbox.apiUrl}users.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0ADMIN' }),
      });
      expect(await json.json()).toMatchObject({ ok: true, user: { id: 'U0ADMIN', is_admin: true } });
      const get = await fetch(`${sandbox.apiUrl}users.info?user=U0MEMBER&token=${sandbox.botToken}`);
      expect(await get.json()).toMatchObject({ ok: true, user: { id: 'U0MEMBER', is_admin: false } });
      expect(sandbox.calls('users.info').map((c) => c.token)).toEqual([sandbox.botToken, sandbox.botToken]);
    });
  });

  describe('chat', () => {
    it('posts a message and a reply in its thread, like chat.postMessage', async () => {
      const parent = await client.chat.postMessage({ channel: 'C0INBOX', text: 'Campaign created' });
      expect(parent).toMatchObject({
        ok: true,
        channel: 'C0INBOX',
        message: { text: 'Campaign created', bot_id: 'B0BOT' },
      });
      const reply = await client.chat.postMessage({
        channel: 'C0INBOX',
        thread_ts: parent.ts!,
        text: '12 rows imported',
      });
      expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: 'U0BOT', text: '12 rows imported' });

      const thread = await client.conversations.replies({ channel: 'C0INBOX', ts: parent.ts! });
      expect(thread.messages?.map((m) => m.text)).toEqual(['Campaign created', '12 rows imported']);
      expect(thread.messages?.[0]).toMatchObject({ reply_count: 1, latest_reply: reply.ts });
      expect(sandbox.calls('chat.postMessage')[1]!.args).toMatchObject({ channel: 'C0INBOX', thread_ts: parent.ts });
    });

    it('decodes blocks into the record and refuses a message without content', async () => {
      await client.chat.postMessage({
        channel: 'C0INBOX',
        text: 'fallback',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      });
      expect(sandbox.calls('chat.postMessage')[0]!.args['blocks']).toEqual([
        { type: 'section', text: { type: 'mrkdwn', text: '*hi*' } },
      ]);
      await expect(client.chat.postMessage({ channel: 'C0INBOX', text: '' })).rejects.toMatchObject({
        data: { error: 'no_text' },
      });
    });

    it('refuses channels the bot is not in until it joins them, and unknown channels', async () => {
      await expect(client.chat.postMessage({ channel: 'C0RANDOM', text: 'x' })).rejects.toMatchObject({
        data: { error: 'not_in_channel' },
      });
      await expect(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toMatchObject({
        data: { error: 'channel_not_found' },
      });
      await expect(client.conversations.join({ channel: 'G0SECRET' })).rejects.toMatchObject({
        data: { error: 'method_not_supported_for_channel_type' },
      });
      const joined = await client.conversations.join({ channel: 'C0RANDOM' });
      expect(joined.channel).toMatchObject({ id: 'C0RANDOM', is_member: true });
      await expect(client.chat.postMessage({ channel: 'C0RANDOM', text: 'x' })).resolves.toMatchObject({ ok: true });
    });

    it('posts an ephemeral message and updates a posted one', async () => {
      const ephemeral = await client.chat.postEphemeral({ channel: 'C0INBOX', user: 'U0MEMBER', text: 'Admins only' });
      expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
      const posted = await client.chat.postMessage({ channel: 'C0INBOX', text: 'Sending…' });
      const updated = await client.chat.update({ channel: 'C0INBOX', ts: posted.ts!, text: 'Sent' });
      expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'Sent' });
      expect(sandbox.messages('C0INBOX')[0]).toMatchObject({ text: 'Sent', edited: { user: 'U0BOT' } });
      await expect(client.chat.update({ channel: 'C0INBOX', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
        data: { error: 'message_not_found' },
      });
    });
  });

  describe('views', () => {
    const modal = {
      type: 'modal' as const,
      callback_id: 'campaign_create',
      title: { type: 'plain_text' as const, text: 'New campaign' },
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: { type: 'plain_text', text: 'Name' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    };

    it('opens a modal with an id and hash, updates it, and refuses a stale hash', async () => {
      const opened = await client.views.open({ trigger_id: '1.2.abc', view: modal });
      expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'campaign_create', state: { values: {} } });
      expect(opened.view?.id).toMatch(/^V/);
      const updated = await client.views.update({
        view_id: opened.view!.id!,
        hash: opened.view!.hash!,
        view: { ...modal, private_metadata: 'step-2' },
      });
      expect(updated.view).toMatchObject({ id: opened.view!.id, private_metadata: 'step-2' });
      expect(updated.view?.hash).not.toBe(opened.view?.hash);
      await expect(
        client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal }),
      ).rejects.toMatchObject({
        data: { error: 'hash_conflict' },
      });
      expect(sandbox.views()).toHaveLength(1);
    });

    it('needs a trigger_id, refuses an expired one, and pushes on top of a modal', async () => {
      await expect(client.views.open({ trigger_id: '', view: modal })).rejects.toMatchObject({
        data: { error: 'invalid_trigger_id' },
      });
      sandbox.expireTrigger('old.trigger');
      await expect(client.views.open({ trigger_id: 'old.trigger', view: modal })).rejects.toMatchObject({
        data: { error: 'expired_trigger_id' },
      });
      await expect(client.views.push({ trigger_id: '3.4.def', view: modal })).resolves.toMatchObject({ ok: true });
    });

    it('publishes an App Home and keeps its id across publishes', async () => {
      const home = {
        type: 'home' as const,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Campaigns' } }],
      };
      const first = await client.views.publish({ user_id: 'U0ADMIN', view: home });
      const second = await client.views.publish({ user_id: 'U0ADMIN', view: home });
      expect(first.view).toMatchObject({ type: 'home' });
      expect(second.view?.id).toBe(first.view?.id);
      await expect(client.views.publish({ user_id: 'U0ADMIN', view: modal })).rejects.toMatchObject({
        data: { error: 'invalid_arguments' },
      });
    });
  });

  describe('users and conversations', () => {
    it('reports admin and owner flags from users.info', async () => {
      const admin = await client.users.info({ user: 'U0ADMIN' });
      const owner = await client.users.info({ user: 'U0OWNER' });
      const member = await client.users.info({ user: 'U0MEMBER' });
      expect(admin.user).toMatchObject({ is_admin: true, is_owner: false, tz: 'America/New_York' });
      expect(owner.user).toMatchObject({ is_admin: true, is_owner: true });
      expect(member.user).toMatchObject({ is_admin: false, is_owner: false, is_bot: false });
      await expect(client.users.info({ user: 'U0GHOST' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    });

    it('uses configured users and channels', async () => {
      const custom = await startSlackSandbox({
        botToken: 'xoxb-custom',
        teamId: 'T0CUSTOM',
        users: [{ id: 'U0BOSS', name: 'boss', isOwner: true, isAdmin: true, isPrimaryOwner: true }],
        channels: [{ id: 'C0ONLY', name: 'only', members: ['U0BOSS'] }],
      });
      try {
        const c = sandboxClient(custom);
        expect((await c.auth.test()).team_id).toBe('T0CUSTOM');
        expect((await c.users.info({ user: 'U0BOSS' })).user).toMatchObject({
          is_primary_owner: true,
          team_id: 'T0CUSTOM',
        });
        expect((await c.conversations.members({ channel: 'C0ONLY' })).members).toEqual(['U0BOSS', 'U0BOT']);
      } finally {
        await custom.stop();
      }
    });

    it('describes channels and pages their members with cursors', async () => {
      const info = await client.conversations.info({ channel: 'G0SECRET', include_num_members: true });
      expect(info.channel).toMatchObject({ id: 'G0SECRET', is_private: true, is_member: false, num_members: 3 });
      const members: string[] = [];
      for await (const page of client.paginate('conversations.members', { channel: 'C0GENERAL', limit: 2 })) {
        members.push(...((page as webApi.ConversationsMembersResponse).members ?? []));
      }
      expect(members).toEqual(['U0ADMIN', 'U0OWNER', 'U0MEMBER', 'U0BOT']);
      await expect(client.conversations.info({ channel: 'C0NOPE' })).rejects.toMatchObject({
        data: { error: 'channel_not_found' },
      });
    });
  });

  it('records every call in order with its method, args and token, and serves the record over HTTP', async () => {
    await client.auth.test();
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'one' });
    await client.users.info({ user: 'U0ADMIN' });
    expect(sandbox.calls().map((c) => [c.method, c.token, c.status])).toEqual([
      ['auth.test', sandbox.botToken, 200],
      ['chat.postMessage', sandbox.botToken, 200],
      ['users.info', sandbox.botToken, 200],
    ]);
    const seqs = sandbox.calls().map((c) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    const overHttp = (await (await fetch(`${sandbox.url}/__sandbox/calls?method=chat.postMessage`)).json()) as {
      args: unknown;
    }[];
    expect(overHttp).toHaveLength(1);
    expect(overHttp[0]!.args).toMatchObject({ channel: 'C0GENERAL', text: 'one' });

    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(sandbox.calls()).toEqual([]);
  });
});
