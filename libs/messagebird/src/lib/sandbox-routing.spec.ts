import https from 'node:https';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { MESSAGEBIRD_REST_HOST, routeMessageBirdTo } from './sandbox-routing';

describe('routeMessageBirdTo', () => {
  it('installs its agent as https.globalAgent — on the module object the package requires — and restores', () => {
    const before = https.globalAgent;
    const restore = routeMessageBirdTo('http://127.0.0.1:3300');
    const seenByPackage = require('https') as typeof https; // what lib/messagebird.js itself requires
    expect(seenByPackage.globalAgent).not.toBe(before);
    expect(seenByPackage.globalAgent).toBe(https.globalAgent);
    restore();
    expect(seenByPackage.globalAgent).toBe(before);
    restore();
    expect(seenByPackage.globalAgent).toBe(before);
  });

  it('opens a plain TCP socket for rest.messagebird.com and TLS for everything else', () => {
    const restore = routeMessageBirdTo('http://127.0.0.1:9');
    try {
      const agent = https.globalAgent;
      const routed = agent.createConnection({
        host: MESSAGEBIRD_REST_HOST,
        port: 443,
        servername: MESSAGEBIRD_REST_HOST,
      });
      const other = agent.createConnection({ host: '127.0.0.1', port: 9, servername: 'example.com' });
      for (const socket of [routed, other]) socket?.on('error', () => undefined);
      expect(routed).toBeInstanceOf(Socket);
      expect(routed).not.toBeInstanceOf(TLSSocket);
      expect(other).toBeInstanceOf(TLSSocket);
      routed?.destroy();
      other?.destroy();
    } finally {
      restore();
    }
  });

  it('leaves a later replacement of the agent in place', () => {
    const before = https.globalAgent;
    const restore = routeMessageBirdTo('http://localhost:3300');
    const replacement = new https.Agent();
    https.globalAgent = replacement;
    restore();
    expect(https.globalAgent).toBe(replacement);
    https.globalAgent = before;
    replacement.destroy();
  });

  it('only speaks plain http to the sandbox', () => {
    expect(() => routeMessageBirdTo('https://sandbox.local')).toThrow(/plain http/);
  });
});
