import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { parseRetryAfter } from './retry-delay';

/** What the send classification needs to know about the transport, beyond the package's error. */
export type TransportView = {
  /** The package's request was observed; when false the other fields carry no information. */
  requestSeen: boolean;
  /** The socket was connected (TLS: handshake done) before anything failed, so request bytes may have left. */
  connected: boolean;
  /** From the Retry-After header of the response, when there was one. */
  retryAfterMs: number | null;
};

type Listener = (...args: unknown[]) => void;

/**
 * Watches the one HTTP request the messagebird package makes during a call: the package drops response headers
 * and socket state, so Retry-After and "did the connection ever open" are read here instead.
 *
 * How the request is found: Node 20 publishes every ClientRequest on the `http.client.request.start` diagnostics
 * channel, synchronously, when the request is flushed to its socket. That happens in a process.nextTick queued by
 * the package's own `https.request` call, so AsyncLocalStorage still holds the observation of the call that made
 * it. A request that had to wait in the agent's queue would be flushed in another call's context; the first
 * request an observation sees claims it, so such a request is simply not observed (and classification falls
 * back to the error alone) rather than misattributed.
 */
export class RequestObservation {
  private request: ClientRequest | undefined;
  private socket: Socket | undefined;
  private packageTimeoutListener: Listener | undefined;
  private connected = false;
  private retryAfter: string | undefined;

  view(now: Date = new Date()): TransportView {
    return {
      requestSeen: this.request !== undefined,
      connected: this.connected,
      retryAfterMs: parseRetryAfter(this.retryAfter, now),
    };
  }

  /** Gives up on the request (hard deadline): the package then reports an error we no longer wait for. */
  abort(): void {
    this.request?.destroy();
  }

  /**
   * Called once the package has answered. The package adds a socket 'timeout' listener per request and never
   * removes it; on a keep-alive socket (Node ≥ 19's default https agent) they pile up, each holding its request,
   * until the MaxListenersExceededWarning. Ours is removed here, now that its request is finished.
   */
  release(): void {
    if (this.socket && this.packageTimeoutListener) this.socket.removeListener('timeout', this.packageTimeoutListener);
    this.socket = undefined;
    this.packageTimeoutListener = undefined;
    this.request = undefined;
  }

  /** @internal called by the channel subscriber. */
  claim(request: ClientRequest): boolean {
    if (this.request) return false;
    this.request = request;
    request.once('response', (response: IncomingMessage) => {
      const value = response.headers['retry-after'];
      this.retryAfter = Array.isArray(value) ? value[0] : value;
    });
    if (request.socket) this.watchSocket(request.socket);
    else request.once('socket', (socket: Socket) => this.watchSocket(socket));
    return true;
  }

  private watchSocket(socket: Socket): void {
    this.socket = socket;
    // The package registers its listener in the request's 'socket' event, which Node emits before the flush
    // that publishes the request: it is the newest one. Checked by its body so that nothing else is removed.
    const newest = socket.listeners('timeout').at(-1) as Listener | undefined;
    if (newest && /\.abort\(\)/.test(String(newest))) this.packageTimeoutListener = newest;

    if (!socket.connecting) {
      // A reused keep-alive socket: connected long ago.
      this.connected = true;
      return;
    }
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      this.connected = true;
    });
  }
}

const currentCall = new AsyncLocalStorage<RequestObservation>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  const observation = currentCall.getStore();
  if (!observation) return;
  const request = (message as { request?: ClientRequest }).request;
  if (request) observation.claim(request);
}

/** Runs `call` (which must start exactly one HTTP request) with `observation` watching that request. */
export function observeRequestOf<T>(observation: RequestObservation, call: () => T): T {
  if (!subscribed) {
    subscribe('http.client.request.start', onRequestStart);
    subscribed = true;
  }
  return currentCall.run(observation, call);
}
