import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultRequestError } from './fault-plan';
import { parseParams, readBody, sendJson } from './http-io';
import { InboundInputError } from './inbound-webhook';
import { ConfigError } from './sandbox-config';
import type { SandboxCore } from './sandbox-core';

/**
 * The sandbox's own API under /__sandbox (no access key: it is a local test tool):
 *   GET  messages[?reference=]   accepted messages, one row per recipient
 *   GET  stats | reports | inbound | config | faults | health
 *   POST reset                   forget messages, reports, faults and counters (settings stay)
 *   POST config                  { latencyMs, rateCap, reportDelayMs, sentReports, dispatcherUrl }
 *   POST faults                  { next: [faults] } and/or { rules: [...] } or { recipient, type, times }
 *   DELETE faults                clear them
 *   POST inbound                 { originator, recipient, body } → signed inbound webhook to the dispatcher
 */
export async function handleControl(
  core: SandboxCore,
  request: IncomingMessage,
  response: ServerResponse,
  route: string,
  query: URLSearchParams,
): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    switch (`${method} ${route}`) {
      case 'GET messages': {
        const reference = query.get('reference');
        return sendJson(response, 200, core.state.list(reference ?? undefined));
      }
      case 'GET stats':
        return sendJson(response, 200, { ...core.state.stats, reportsPending: core.reporter.pendingCount });
      case 'GET reports':
        return sendJson(response, 200, core.state.reports);
      case 'GET inbound':
        return sendJson(response, 200, core.state.inbound);
      case 'GET config':
        return sendJson(response, 200, core.config);
      case 'GET faults':
        return sendJson(response, 200, core.faults.describe());
      case 'GET health':
        return sendJson(response, 200, { ok: true });
      case 'POST reset':
        core.reset();
        return sendJson(response, 200, { ok: true });
      case 'POST config':
        return sendJson(response, 200, core.configure(await jsonBody(request)));
      case 'POST faults':
        core.faults.add(await jsonBody(request));
        return sendJson(response, 200, core.faults.describe());
      case 'DELETE faults':
        core.faults.clear();
        return sendJson(response, 200, core.faults.describe());
      case 'POST inbound': {
        const delivery = await core.sendInbound(await jsonBody(request));
        return sendJson(response, delivery.statusCode === null ? 502 : 200, delivery);
      }
      default:
        return sendJson(response, 404, { error: `no sandbox route ${method} /__sandbox/${route}` });
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof FaultRequestError || error instanceof InboundInputError) {
      return sendJson(response, 400, { error: error.message });
    }
    throw error;
  }
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const params = parseParams(await readBody(request), 'application/json');
  if (params === null) throw new ConfigError('the body must be a JSON object');
  return params;
}
