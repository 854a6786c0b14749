// `/api/<method>`: the Web API itself. Order of checks follows Slack: unknown method, then auth
// (answered with HTTP 200 and ok:false, never a 401), then any injected failure, then the method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendApiJson } from './http-replies';
import { METHODS } from './method-registry';
import type { MethodResult } from './method-context';
import { bearerToken, parseMethodArgs, readRawBody } from './request-body';
import type { SandboxCore } from './sandbox-core';

export async function handleApiCall(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = decodeURIComponent(url.pathname.slice('/api/'.length));
  const raw = await readRawBody(req);
  const parsed = await parseMethodArgs(req, url, raw);
  const token = bearerToken(req) ?? parsed.tokenParam;

  const answer = (status: number, body: MethodResult, headers: Record<string, string> = {}): void => {
    core.recorder.record({
      method,
      args: parsed.args,
      ...(token === undefined ? {} : { token }),
      status,
      ...(body.ok ? {} : { error: body.error ?? 'unknown_error' }),
    });
    sendApiJson(res, status, body, headers);
  };

  const handler = METHODS[method];
  if (!handler) return answer(200, { ok: false, error: 'unknown_method', req_method: method });
  if (parsed.invalidJson) return answer(200, { ok: false, error: 'invalid_json' });
  if (token === undefined) return answer(200, { ok: false, error: 'not_authed' });
  if (token !== core.botToken) return answer(200, { ok: false, error: 'invalid_auth' });

  const failure = core.failures.take(method);
  if (failure) {
    const headers: Record<string, string> =
      failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    return answer(failure.status, { ok: false, error: failure.error }, headers);
  }
  answer(200, handler({ args: parsed.args, workspace: core.workspace, base: core.base }));
}
