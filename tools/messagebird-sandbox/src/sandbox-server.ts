import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-api';
import type { FaultRequest } from './fault-plan';
import { BodyTooLargeError, sendJson } from './http-io';
import { API_NOT_FOUND, errorOf } from './messagebird-errors';
import { createMessage, listMessages, readMessage } from './messages-api';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_CONFIG,
  DEFAULT_SIGNING_KEY,
  applyConfig,
  type SandboxConfig,
  type SandboxOptions,
} from './sandbox-config';
import { SandboxCore } from './sandbox-core';
import type { InboundDelivery, ReportDelivery, SandboxMessage, SandboxStats } from './sandbox-state';

export type MessageBirdSandbox = {
  /** http://host:port — hand it to routeMessageBirdTo(). */
  url: string;
  port: number;
  accessKey: string;
  signingKey: string;
  stop(): Promise<void>;
  /** Accepted messages, one row per recipient. */
  messages(filter?: { reference?: string }): SandboxMessage[];
  stats(): SandboxStats;
  reports(): ReportDelivery[];
  inbound(): InboundDelivery[];
  injectFaults(request: FaultRequest): void;
  configure(changes: Partial<SandboxConfig>): SandboxConfig;
  reset(): void;
  /** Sends a signed inbound SMS webhook to the dispatcher and gives its answer. */
  sendInbound(input: { originator: string; recipient: string; body: string }): Promise<InboundDelivery>;
  /** Resolves once every scheduled status report has been delivered (or failed). */
  reportsSettled(): Promise<void>;
};

const MESSAGE_PATH = /^\/messages\/([^/]+)$/;

/** Starts a local stand-in for rest.messagebird.com (see README.md). Port 0 picks a free port. */
export async function startMessageBirdSandbox(options: SandboxOptions = {}): Promise<MessageBirdSandbox> {
  const {
    port = 0,
    host = '127.0.0.1',
    accessKey = DEFAULT_ACCESS_KEY,
    signingKey = DEFAULT_SIGNING_KEY,
    ...settings
  } = options;
  const core = new SandboxCore(applyConfig(DEFAULT_CONFIG, settings), accessKey, signingKey);

  const server = http.createServer((request, response) => {
    route(core, request, response).catch((error: unknown) => fail(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    accessKey,
    signingKey,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        core.close();
        server.close(() => resolve());
        // Held sockets (timeout faults) and idle keep-alive connections would keep close() waiting.
        server.closeAllConnections();
      })),
    messages: (filter) => core.state.list(filter?.reference),
    stats: () => ({ ...core.state.stats, reportsPending: core.reporter.pendingCount }),
    reports: () => [...core.state.reports],
    inbound: () => [...core.state.inbound],
    injectFaults: (request) => core.faults.add(request),
    configure: (changes) => core.configure(changes),
    reset: () => core.reset(),
    sendInbound: (input) => core.sendInbound(input),
    reportsSettled: () => core.reporter.settled(),
  };
}

async function route(core: SandboxCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const path = url.pathname;
  const method = request.method ?? 'GET';

  if (path === '/messages' && method === 'POST') return createMessage(core, request, response);
  if (path === '/messages' && method === 'GET') return listMessages(core, request, response, url.searchParams);
  const message = MESSAGE_PATH.exec(path);
  if (message && method === 'GET') return readMessage(core, request, response, decodeURIComponent(message[1]!));
  if (path.startsWith('/__sandbox/')) {
    return handleControl(core, request, response, path.slice('/__sandbox/'.length), url.searchParams);
  }
  request.resume();
  sendJson(response, 404, { errors: [API_NOT_FOUND] });
}

function fail(response: ServerResponse, error: unknown): void {
  if (response.headersSent || response.destroyed) return;
  if (error instanceof BodyTooLargeError) return sendJson(response, 413, { errors: [errorOf(21, error.message)] });
  sendJson(response, 500, {
    errors: [errorOf(99, `Internal error: ${error instanceof Error ? error.message : String(error)}`)],
  });
}
