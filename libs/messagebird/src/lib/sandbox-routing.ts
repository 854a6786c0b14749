// A default import on purpose: it is Node's own module object, so the assignment below is seen by every
// `require('https')`. A namespace import (`import * as`) is a copy under the CommonJS interop and would not be.
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** The host messagebird 4.0.1 calls for /messages (lib/messagebird.js: `hostname || 'rest.messagebird.com'`). */
export const MESSAGEBIRD_REST_HOST = 'rest.messagebird.com';

type Target = { host: string; port: number };

/**
 * An https agent that opens a plain TCP connection to the sandbox wherever it would have opened a TLS connection
 * to rest.messagebird.com; every other host gets the usual TLS connection. The ClientRequest neither knows nor
 * cares what kind of socket it was given, so it writes the same HTTP/1.1 request, unencrypted, to the sandbox.
 */
class SandboxRoutingAgent extends https.Agent {
  constructor(private readonly target: Target) {
    // As Node 20's https.globalAgent (keep-alive, unlimited sockets), so that the sandbox sees the production load.
    super({ keepAlive: true, maxSockets: Infinity, timeout: 5_000, scheduling: 'lifo' });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    if (options.host === MESSAGEBIRD_REST_HOST || options.servername === MESSAGEBIRD_REST_HOST) {
      const socket = net.connect({ host: this.target.host, port: this.target.port });
      socket.setNoDelay(true);
      return socket;
    }
    return super.createConnection(options, callback);
  }
}

/**
 * Points the unmodified `messagebird` package at a local sandbox (`http://host:port`) by installing a routing
 * agent as `https.globalAgent` — the agent the package's `https.request(options)` falls back to, read at each
 * call, as it passes no agent of its own. Returns the function that puts the previous agent back.
 * Production never calls this: there the same request goes out through Node's own global agent.
 */
export function routeMessageBirdTo(sandboxUrl: string): () => void {
  const url = new URL(sandboxUrl);
  if (url.protocol !== 'http:') throw new Error(`the sandbox is reached over plain http, not ${url.protocol}`);
  const target = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };

  const previous = https.globalAgent;
  const agent = new SandboxRoutingAgent(target);
  https.globalAgent = agent;

  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    // Only undo our own change: if something replaced the agent since, that replacement stays.
    if (https.globalAgent === agent) https.globalAgent = previous;
    agent.destroy();
  };
}
