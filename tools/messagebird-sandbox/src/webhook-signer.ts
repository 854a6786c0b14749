import { createHash, createHmac, randomUUID } from 'node:crypto';

export type SignatureAlgorithm = 'HS256' | 'HS384' | 'HS512';

export type WebhookSignatureInput = {
  signingKey: string;
  /** The full URL the webhook is sent to, query string included, exactly as it will be requested. */
  url: string;
  /** The request body; a payload_hash claim is only added when there is one (GET status reports have none). */
  payload?: Buffer | string | null;
  now?: Date;
  /** Random (a UUID) unless given: tests reproduce MessageBird's reference tokens with theirs. */
  jti?: string;
  algorithm?: SignatureAlgorithm;
  /** exp − nbf; MessageBird's tokens live one minute. */
  ttlSeconds?: number;
};

const HMAC: Record<SignatureAlgorithm, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/**
 * The `MessageBird-Signature-JWT` header value, built as MessageBird builds it — which the reference vectors in
 * messagebird/lib/testdata show byte for byte: header {"alg","typ":"JWT"}; claims in the order iss ("MessageBird"),
 * nbf (now, whole seconds), exp (nbf + 60), jti, url_hash (hex SHA-256 of the URL), payload_hash (hex SHA-256 of
 * the body, only when there is a body). No iat: MessageBird's tokens carry none. HMAC key: the signing key's
 * UTF-8 bytes.
 */
export function signMessageBirdWebhook(input: WebhookSignatureInput): string {
  const algorithm = input.algorithm ?? 'HS256';
  const nbf = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, string | number> = {
    iss: 'MessageBird',
    nbf,
    exp: nbf + (input.ttlSeconds ?? 60),
    jti: input.jti ?? randomUUID(),
    url_hash: sha256Hex(input.url),
  };
  const payload = input.payload ?? null;
  if (payload !== null && payload.length > 0) claims['payload_hash'] = sha256Hex(payload);

  const signingInput = `${base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac(HMAC[algorithm], Buffer.from(input.signingKey, 'utf8')).update(signingInput).digest();
  return `${signingInput}.${signature.toString('base64url')}`;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
