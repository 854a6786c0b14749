import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './fault-plan';
import { readBody, parseParams, sendHtml, sendJson } from './http-io';
import {
  BAD_REQUEST_BODY,
  INCORRECT_ACCESS_KEY,
  MESSAGE_NOT_FOUND,
  NO_CORRECT_RECIPIENTS,
  NOT_ENOUGH_BALANCE,
  TOO_MANY_REQUESTS,
} from './messagebird-errors';
import { toMessageObject } from './message-record';
import { validateCreateMessage } from './message-validation';
import type { SandboxCore } from './sandbox-core';

/** `Authorization: AccessKey <key>`, the only form the package sends. */
function authorized(core: SandboxCore, request: IncomingMessage): boolean {
  return request.headers.authorization === `AccessKey ${core.accessKey}`;
}

async function latency(core: SandboxCore): Promise<void> {
  const { latencyMs } = core.config;
  if (latencyMs > 0) await sleep(latencyMs);
}

/** POST /messages: latency, key, rate cap, parameters, then a fault if one is due, else acceptance (201). */
export async function createMessage(
  core: SandboxCore,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { state } = core;
  state.stats.requests += 1;
  const body = await readBody(request);
  await latency(core);

  if (!authorized(core, request)) {
    state.stats.rejected += 1;
    return sendJson(response, 401, { errors: [INCORRECT_ACCESS_KEY] });
  }
  const verdict = core.admit();
  if (!verdict.admitted) {
    return sendJson(
      response,
      429,
      { errors: [TOO_MANY_REQUESTS] },
      { 'retry-after': String(verdict.retryAfterSeconds) },
    );
  }
  const params = parseParams(body, request.headers['content-type']);
  if (params === null) {
    state.stats.rejected += 1;
    return sendJson(response, 400, { errors: [BAD_REQUEST_BODY] });
  }
  const validation = validateCreateMessage(params);
  if (!validation.ok) {
    state.stats.rejected += 1;
    return sendJson(response, 422, { errors: validation.errors });
  }

  const fault = core.faults.take(validation.request.msisdns);
  if (fault) state.countFault(fault.type);
  if (fault && answerWithFault(fault, request, response)) return;

  const record = core.accept(validation.request, fault);
  if (fault?.type === 'timeout_after_accept') return; // recorded as sent; the answer never comes
  if (fault?.type === 'reset_after_accept') {
    request.socket.destroy();
    return;
  }
  sendJson(response, 201, toMessageObject(record));
}

/** Answers for a fault that stops the message from being accepted; false when the message goes on. */
function answerWithFault(fault: Fault, request: IncomingMessage, response: ServerResponse): boolean {
  switch (fault.type) {
    case '429':
      sendJson(response, 429, { errors: [TOO_MANY_REQUESTS] }, { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      return true;
    case '500':
      // What a load balancer in front of the API answers: HTML, which the package cannot parse.
      sendHtml(
        response,
        500,
        '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>',
      );
      return true;
    case 'timeout':
      // Never answered: the socket stays open until the client gives up (or the sandbox stops).
      return true;
    case 'connection_reset':
      request.socket.destroy();
      return true;
    case 'balance':
      sendJson(response, 422, { errors: [NOT_ENOUGH_BALANCE] });
      return true;
    case 'invalid_recipient':
      sendJson(response, 422, { errors: [NO_CORRECT_RECIPIENTS] });
      return true;
    case 'bad_credentials':
      sendJson(response, 401, { errors: [INCORRECT_ACCESS_KEY] });
      return true;
    case 'timeout_after_accept':
    case 'reset_after_accept':
    case 'delivered':
    case 'delivery_failed':
    case 'expired':
      return false;
  }
}

/** GET /messages/:id. */
export async function readMessage(
  core: SandboxCore,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
): Promise<void> {
  await latency(core);
  if (!authorized(core, request)) return sendJson(response, 401, { errors: [INCORRECT_ACCESS_KEY] });
  const record = core.state.messages.get(id);
  if (!record) return sendJson(response, 404, { errors: [MESSAGE_NOT_FOUND] });
  sendJson(response, 200, toMessageObject(record));
}

/** GET /messages?offset=&limit=&status= — MessageBird's list envelope, newest first. */
export async function listMessages(
  core: SandboxCore,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  await latency(core);
  if (!authorized(core, request)) return sendJson(response, 401, { errors: [INCORRECT_ACCESS_KEY] });
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const limit = Math.min(200, Math.max(1, Number(query.get('limit')) || 20));
  const status = query.get('status');
  const all = [...core.state.messages.values()]
    .reverse()
    .filter((record) => !status || record.recipients.some((r) => r.status === status));
  const items = all.slice(offset, offset + limit).map(toMessageObject);
  const page = (at: number) => `https://rest.messagebird.com/messages/?offset=${at}&limit=${limit}`;
  const lastOffset = Math.max(0, Math.floor((all.length - 1) / limit) * limit);
  const links = {
    first: page(0),
    previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
    next: offset + limit < all.length ? page(offset + limit) : null,
    last: page(lastOffset),
  };
  sendJson(response, 200, { offset, limit, count: items.length, totalCount: all.length, links, items });
}
