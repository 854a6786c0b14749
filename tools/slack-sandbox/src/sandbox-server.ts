// startSlackSandbox: a local stand-in for slack.com's Web API and file hosts, on node:http. A bot under
// test gets `apiUrl` as its `slackApiUrl`, so the real Bolt/WebClient talk to it unchanged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallRecorder } from './call-recorder';
import { FailurePlan } from './failure-plan';
import { sendJson, sendText } from './http-replies';
import { BodyTooLargeError } from './request-body';
import { handleApiCall } from './routes-api';
import { handleControl, handleResponseUrl } from './routes-control';
import { handleDownload, handleUpload, isDownloadPath } from './routes-files';
import type { SandboxCore } from './sandbox-core';
import {
  BOT_ID,
  BOT_USER_ID,
  DEFAULT_BOT_TOKEN,
  DEFAULT_CHANNELS,
  DEFAULT_TEAM_ID,
  DEFAULT_USERS,
} from './sandbox-defaults';
import { IdSource } from './sandbox-ids';
import type { SandboxOptions, SlackSandbox } from './sandbox-types';
import { SandboxWorkspace } from './sandbox-workspace';

export async function startSlackSandbox(options: SandboxOptions = {}): Promise<SlackSandbox> {
  const host = options.host ?? '127.0.0.1';
  const botToken = options.botToken ?? DEFAULT_BOT_TOKEN;
  const teamId = options.teamId ?? DEFAULT_TEAM_ID;
  // Routes need the base URL, which is known only once the port is: they read `core` when called.
  const ready: { core?: SandboxCore } = {};
  const server = createServer((req, res) => {
    if (!ready.core) return sendText(res, 503, 'starting');
    route(ready.core, req, res).catch((error: unknown) => failRequest(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host}:${port}`;
  const workspace = new SandboxWorkspace(
    { base, teamId, users: options.users ?? DEFAULT_USERS, channels: options.channels ?? DEFAULT_CHANNELS },
    new IdSource(),
  );
  const recorder = new CallRecorder();
  const failures = new FailurePlan();
  ready.core = { base, botToken, workspace, recorder, failures };

  return {
    url: base,
    apiUrl: `${base}/api/`,
    port,
    botToken,
    teamId,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
    calls: (method) => recorder.calls(method),
    waitForCall: (method, predicate) => recorder.waitFor(method, predicate),
    reset: () => {
      recorder.clear();
      failures.clear();
      workspace.load();
    },
    addFile: (file) => workspace.addUserFile(file),
    fileContent: (fileId) => {
      const stored = workspace.files.get(fileId);
      return stored ? Buffer.from(stored.content) : undefined;
    },
    setDownloadRedirect: (fileId, location) => {
      const stored = workspace.files.get(fileId);
      if (!stored) throw new Error(`setDownloadRedirect: unknown file ${fileId}`);
      stored.redirectTo = location;
    },
    setFailure: (method, failure) => failures.set(method, failure),
    clearFailure: (method) => failures.clear(method),
    expireTrigger: (triggerId) => void workspace.expiredTriggers.add(triggerId),
    views: () => structuredClone([...workspace.views.values()]),
    messages: (channel) => structuredClone(workspace.history.get(workspace.findChannel(channel)?.id ?? channel) ?? []),
  };
}

async function route(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', core.base);
  const path = url.pathname;
  if (path.startsWith('/api/')) return handleApiCall(core, req, res, url);
  if (req.method === 'GET' && isDownloadPath(path)) return handleDownload(core, req, res, url);
  if (req.method === 'POST' && path.startsWith('/upload/v1/')) return handleUpload(core, req, res, url);
  if (path.startsWith('/__sandbox/')) return handleControl(core, req, res, url);
  if (req.method === 'POST' && path.startsWith('/response-url/')) return handleResponseUrl(core, req, res, url);
  sendText(res, 404, 'Not Found');
}

function failRequest(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.destroy();
  if (error instanceof BodyTooLargeError) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
  sendJson(res, 500, {
    ok: false,
    error: 'sandbox_error',
    detail: error instanceof Error ? error.message : String(error),
  });
}
