// `/__sandbox/*`: the test/demo control plane (not Slack; never recorded), and `/response-url/*`, where
// a driver points slash-command and action response_urls so a bot's `respond()` stays local.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-replies';
import { isRecord, readRawBody, stringOf } from './request-body';
import type { SandboxCore } from './sandbox-core';
import type { FailureSpec, NewSandboxFile } from './sandbox-types';

export async function handleControl(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const body = req.method === 'POST' ? await readJsonBody(req) : {};
  if (body === undefined) return sendJson(res, 400, { ok: false, error: 'invalid_json' });
  const { workspace, recorder, failures } = core;
  switch (route) {
    case 'GET /__sandbox/calls':
      return sendJson(res, 200, recorder.calls(url.searchParams.get('method') ?? undefined));
    case 'POST /__sandbox/reset':
      recorder.clear();
      failures.clear();
      workspace.load();
      return sendJson(res, 200, { ok: true });
    case 'POST /__sandbox/files': {
      const input = fileInput(body);
      if (typeof input === 'string') return sendJson(res, 400, { ok: false, error: input });
      try {
        return sendJson(res, 200, workspace.addUserFile(input));
      } catch (error) {
        return sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    case 'POST /__sandbox/failures': {
      const method = stringOf(body['method']);
      if (method === undefined) return sendJson(res, 400, { ok: false, error: 'method is required' });
      failures.set(method, failureSpec(body));
      return sendJson(res, 200, { ok: true });
    }
    case 'DELETE /__sandbox/failures':
      failures.clear(url.searchParams.get('method') ?? undefined);
      return sendJson(res, 200, { ok: true });
    case 'GET /__sandbox/views':
      return sendJson(res, 200, [...workspace.views.values()]);
    case 'GET /__sandbox/messages':
      return sendJson(res, 200, workspace.history.get(url.searchParams.get('channel') ?? '') ?? []);
    default:
      return sendJson(res, 404, { ok: false, error: `no sandbox route ${route}` });
  }
}

export async function handleResponseUrl(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const body = (await readJsonBody(req)) ?? {};
  core.recorder.record({ method: 'response_url', args: { ...body, path: url.pathname }, status: 200 });
  sendJson(res, 200, { ok: true });
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const raw = await readRawBody(req);
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function fileInput(body: Record<string, unknown>): NewSandboxFile | string {
  const name = stringOf(body['name']);
  const content = stringOf(body['content']);
  if (name === undefined || content === undefined) return 'name and content are required';
  const encoding = body['encoding'] === 'base64' ? 'base64' : 'utf8';
  const optional = (key: string): string | undefined => stringOf(body[key]);
  return {
    name,
    content,
    encoding,
    ...withDefined({
      mimetype: optional('mimetype'),
      title: optional('title'),
      channel: optional('channel'),
      user: optional('user'),
      threadTs: optional('threadTs') ?? optional('thread_ts'),
      redirectTo: optional('redirectTo'),
    }),
  };
}

function failureSpec(body: Record<string, unknown>): FailureSpec {
  const raw = body['status'];
  const status: FailureSpec['status'] = raw === 429 ? 429 : raw === 500 ? 500 : undefined;
  const number = (key: string): number | undefined => (typeof body[key] === 'number' ? body[key] : undefined);
  return withDefined({
    error: stringOf(body['error']),
    status,
    retryAfter: number('retryAfter'),
    times: number('times'),
  });
}

function withDefined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}
