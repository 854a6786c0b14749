// Files both ways: a file a user shared (files.info, then the authenticated download a bot must do),
// and the bot's own upload through the real files.uploadV2 (getUploadURLExternal → bytes → complete).
import type { webApi } from '@slack/bolt';
import { startSlackSandbox } from './sandbox-server';
import type { SandboxFileObject, SlackSandbox } from './sandbox-types';
import { sandboxClient } from './spec-support';

describe('sandbox files', () => {
  let sandbox: SlackSandbox;
  let client: webApi.WebClient;

  beforeAll(async () => {
    sandbox = await startSlackSandbox();
    client = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  const csv = 'phone,name\n+14155550100,Ana\n';

  describe('a file a user shared', () => {
    let file: SandboxFileObject;
    beforeEach(() => {
      file = sandbox.addFile({ name: 'recipients.csv', content: csv, channel: 'C0INBOX', user: 'U0ADMIN' });
    });

    it('is described by files.info with a download URL on the sandbox', async () => {
      const info = await client.files.info({ file: file.id });
      expect(info.file).toMatchObject({
        id: file.id,
        name: 'recipients.csv',
        mimetype: 'text/csv',
        filetype: 'csv',
        size: Buffer.byteLength(csv),
        user: 'U0ADMIN',
        channels: ['C0INBOX'],
        url_private_download: `${sandbox.url}/files-pri/T0SANDBOX-${file.id}/download/recipients.csv`,
      });
      expect(info.file?.shares?.public?.['C0INBOX']?.[0]).toMatchObject({ share_user_id: 'U0ADMIN' });
      expect(sandbox.messages('C0INBOX')[0]).toMatchObject({
        subtype: 'file_share',
        user: 'U0ADMIN',
        files: [{ id: file.id }],
      });
      await expect(client.files.info({ file: 'F0NOPE' })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    });

    it('downloads only with the bot token: 401 without, 403 with a wrong one', async () => {
      const withToken = await fetch(file.url_private_download, {
        headers: { authorization: `Bearer ${sandbox.botToken}` },
      });
      expect(withToken.status).toBe(200);
      expect(withToken.headers.get('content-type')).toBe('text/csv');
      expect(await withToken.text()).toBe(csv);

      expect((await fetch(file.url_private_download)).status).toBe(401);
      expect((await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-other' } })).status).toBe(
        403,
      );
      expect(sandbox.calls('download').map((c) => c.status)).toEqual([200, 401, 403]);
    });

    it('can answer a download with a redirect off Slack, for testing that a bot does not follow it', async () => {
      sandbox.setDownloadRedirect(file.id, 'https://attacker.example/steal');
      const response = await fetch(file.url_private_download, {
        headers: { authorization: `Bearer ${sandbox.botToken}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://attacker.example/steal');
    });

    it('can be created over HTTP, with base64 content', async () => {
      const response = await fetch(`${sandbox.url}/__sandbox/files`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'list.xlsx',
          content: Buffer.from('PK\u0003\u0004').toString('base64'),
          encoding: 'base64',
          channel: 'C0INBOX',
          user: 'U0OWNER',
        }),
      });
      const created = (await response.json()) as SandboxFileObject;
      expect(created).toMatchObject({ name: 'list.xlsx', filetype: 'xlsx', size: 4, user: 'U0OWNER' });
      expect(sandbox.fileContent(created.id)?.subarray(0, 2).toString()).toBe('PK');
    });
  });

  describe('files.uploadV2 from the real WebClient', () => {
    it('uploads into a thread: URL, bytes, completion, all recorded, and the file is shared there', async () => {
      const parent = await client.chat.postMessage({ channel: 'C0INBOX', text: 'recipients.csv: 2 rows rejected' });
      const bytes = Buffer.from('row,error\n3,"invalid phone"\n');

      const result = await client.files.uploadV2({
        channel_id: 'C0INBOX',
        thread_ts: parent.ts!,
        file: bytes,
        filename: 'errors.csv',
        initial_comment: 'Rejected rows',
      });

      expect(result.ok).toBe(true);
      expect(sandbox.calls().map((c) => c.method)).toEqual([
        'chat.postMessage',
        'files.getUploadURLExternal',
        'upload',
        'files.completeUploadExternal',
      ]);
      const [urlCall, upload, complete] = sandbox.calls().slice(1);
      expect(urlCall!.args).toMatchObject({ filename: 'errors.csv', length: String(bytes.length) });
      expect(upload!.args).toMatchObject({
        filename: 'errors.csv',
        size: bytes.length,
        content_type: 'multipart/form-data',
      });
      expect(Buffer.from(upload!.bytesBase64!, 'base64')).toEqual(bytes);
      expect(complete!.args).toMatchObject({
        channel_id: 'C0INBOX',
        thread_ts: parent.ts,
        initial_comment: 'Rejected rows',
      });

      const fileId = upload!.args['file_id'] as string;
      expect(sandbox.fileContent(fileId)).toEqual(bytes);
      const info = await client.files.info({ file: fileId });
      expect(info.file?.shares?.public?.['C0INBOX']?.[0]).toMatchObject({ thread_ts: parent.ts });
      const thread = await client.conversations.replies({ channel: 'C0INBOX', ts: parent.ts! });
      expect(thread.messages?.[1]).toMatchObject({
        text: 'Rejected rows',
        thread_ts: parent.ts,
        files: [{ id: fileId, name: 'errors.csv' }],
      });
    });

    it('refuses to complete a file whose bytes never arrived, and an upload into a channel the bot is not in', async () => {
      const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
      await expect(client.files.completeUploadExternal({ files: [{ id: file_id! }] })).rejects.toMatchObject({
        data: { error: 'file_not_found' },
      });
      await expect(
        client.files.uploadV2({ channel_id: 'C0RANDOM', file: Buffer.from('abc'), filename: 'a.csv' }),
      ).rejects.toMatchObject({
        data: { error: 'not_in_channel' },
      });
    });
  });
});
