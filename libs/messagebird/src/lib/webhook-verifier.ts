import { createSecretKey, type KeyObject } from 'node:crypto';
import type { JtiStore } from './jti-store';
import { packageWebhookSignatureJwt } from './webhook-signature-jwt';

/** The leeway the package itself defaults to, kept so that exp/nbf are judged exactly as MessageBird's SDK does. */
export const SIGNATURE_CLOCK_TOLERANCE_S = 5;

export type SignedWebhook = {
  /**
   * The URL exactly as MessageBird called it: scheme, host, port, path and the query string byte for byte (the
   * token holds its SHA-256). Behind a proxy, rebuild it from the public base URL, not from the Host header.
   */
  url: string;
  /** The body as received, before any parsing; empty for the GET status reports. */
  rawBody: Buffer;
  /** The MessageBird-Signature-JWT header. */
  signature: string | undefined;
};

export type WebhookVerification = { ok: true; jti: string } | { ok: false; reason: string };

/**
 * Checks a MessageBird webhook: signature (HS256/384/512 with the signing key), issuer, nbf/exp, the URL and body
 * hashes — all by the package's own `verify()`, awaited — then refuses a token id already seen. A store failure
 * rejects the returned promise instead of answering ok:false, so the caller can reply 5xx and MessageBird retries.
 */
export class WebhookVerifier {
  private readonly key: KeyObject;

  constructor(
    signingKey: string,
    private readonly replay: JtiStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!signingKey) throw new Error('WebhookVerifier needs the MessageBird signing key');
    this.key = createSecretKey(Buffer.from(signingKey, 'utf8'));
  }

  async verify(webhook: SignedWebhook): Promise<WebhookVerification> {
    const token = webhook.signature?.trim();
    if (!token) return { ok: false, reason: 'missing MessageBird-Signature-JWT header' };

    const { verify, VerifyOptions } = packageWebhookSignatureJwt;
    const options = new VerifyOptions(true, true, {
      issuer: 'MessageBird',
      algorithms: ['HS256', 'HS384', 'HS512'],
      clockTolerance: SIGNATURE_CLOCK_TOLERANCE_S,
      currentDate: this.now(),
    });
    try {
      await verify(webhook.url, webhook.rawBody, token, this.key, options);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }

    // The signature is valid, so the claims can be read as they are.
    const claims = readClaims(token);
    if (typeof claims.jti !== 'string' || claims.jti === '')
      return { ok: false, reason: 'invalid signature: empty jti' };
    if (typeof claims.exp !== 'number') {
      return { ok: false, reason: 'invalid signature: no exp claim, so a replay could never be ruled out' };
    }
    const keepUntil = new Date((claims.exp + SIGNATURE_CLOCK_TOLERANCE_S) * 1000);
    if (!(await this.replay.remember(claims.jti, keepUntil))) {
      return { ok: false, reason: `replayed webhook: token ${claims.jti} was already accepted` };
    }
    return { ok: true, jti: claims.jti };
  }
}

function readClaims(token: string): { jti?: unknown; exp?: unknown } {
  const payload = token.split('.')[1] ?? '';
  const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return typeof claims === 'object' && claims !== null ? claims : {};
}
