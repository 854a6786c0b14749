import { createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InMemoryJtiStore, packageWebhookSignatureJwt, WebhookVerifier } from '@proactive-sms/messagebird';
import { signMessageBirdWebhook, type SignatureAlgorithm } from './webhook-signer';

/** MessageBird's signed-webhook reference vectors, as shipped in the messagebird package. */
type Vector = {
  name: string;
  secret?: string;
  url: string;
  payload?: string;
  timestamp: string;
  token: string;
  valid: boolean;
  reason?: string;
};
const vectors: Vector[] = JSON.parse(
  readFileSync(require.resolve('messagebird/lib/testdata/webhook-signature-jwt-reference.json'), 'utf8'),
);
const { verify, VerifyOptions } = packageWebhookSignatureJwt;

/** The package's verify, at the vector's moment, as the package's own test suite runs it. */
function packageVerify(url: string, payload: string | undefined, token: string, secret: string | undefined, at: Date) {
  const options = new VerifyOptions();
  options.jwtVerifyOptions.currentDate = at;
  return verify(
    url,
    payload === undefined ? null : Buffer.from(payload, 'utf8'),
    token,
    secret === undefined ? null : createSecretKey(Buffer.from(secret, 'utf8')),
    options,
  );
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('the reference vectors, through the package’s own verify()', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const outcome = packageVerify(vector.url, vector.payload, vector.token, vector.secret, new Date(vector.timestamp));
    if (vector.valid) await expect(outcome).resolves.toBe(true);
    else await expect(outcome).rejects.toThrow(/invalid signature/);
  });
});

describe('signMessageBirdWebhook reproduces MessageBird’s tokens byte for byte', () => {
  const valid = vectors.filter((v) => v.valid);

  it('covers every valid vector', () => {
    expect(valid.length).toBeGreaterThanOrEqual(24);
  });

  it.each(valid.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const [header, claims] = vector.token.split('.').map((part, i) => (i < 2 ? decode(part!) : part));
    const token = signMessageBirdWebhook({
      signingKey: vector.secret!,
      url: vector.url,
      payload: vector.payload,
      now: new Date(vector.timestamp),
      jti: claims.jti,
      algorithm: header.alg as SignatureAlgorithm,
    });
    expect(token).toBe(vector.token);
  });
});

describe('signMessageBirdWebhook', () => {
  const signingKey = 'sandbox_signing_key';
  const url = 'http://127.0.0.1:3200/webhooks/messagebird/status?id=abc&reference=r-1&status=delivered';
  const at = new Date('2026-11-29T12:00:00Z');

  it('signs tokens the package verifies, with and without a body', async () => {
    await expect(
      packageVerify(url, undefined, signMessageBirdWebhook({ signingKey, url, now: at }), signingKey, at),
    ).resolves.toBe(true);
    const payload = 'id=1&body=hello+%F0%9F%91%8B';
    const token = signMessageBirdWebhook({ signingKey, url, payload, now: at });
    await expect(packageVerify(url, payload, token, signingKey, at)).resolves.toBe(true);
    for (const algorithm of ['HS384', 'HS512'] as const) {
      const other = signMessageBirdWebhook({ signingKey, url, payload, now: at, algorithm });
      await expect(packageVerify(url, payload, other, signingKey, at)).resolves.toBe(true);
    }
  });

  it('writes the claims MessageBird writes: iss, nbf, a one-minute exp, a random jti, the hashes', () => {
    const token = signMessageBirdWebhook({ signingKey, url, payload: 'x', now: at });
    const [header, claims] = token.split('.').map((part, i) => (i < 2 ? decode(part!) : part));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(claims)).toEqual(['iss', 'nbf', 'exp', 'jti', 'url_hash', 'payload_hash']);
    expect(claims).toMatchObject({ iss: 'MessageBird', nbf: at.getTime() / 1000, exp: at.getTime() / 1000 + 60 });
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.jti).not.toBe(decode(signMessageBirdWebhook({ signingKey, url, now: at }).split('.')[1]!).jti);
    expect(
      Object.keys(decode(signMessageBirdWebhook({ signingKey, url, payload: '', now: at }).split('.')[1]!)),
    ).not.toContain('payload_hash');
  });

  it('is refused by the package once anything is changed', async () => {
    const payload = 'id=1';
    const token = signMessageBirdWebhook({ signingKey, url, payload, now: at });
    await expect(packageVerify(`${url}&x=1`, payload, token, signingKey, at)).rejects.toThrow(/url_hash/);
    await expect(packageVerify(url, 'id=2', token, signingKey, at)).rejects.toThrow(/payload_hash/);
    await expect(packageVerify(url, payload, token, 'another key', at)).rejects.toThrow(/signature/);
    await expect(packageVerify(url, payload, token, signingKey, new Date(at.getTime() + 120_000))).rejects.toThrow(
      /exp/,
    );
  });

  it('is accepted once by the adapter’s WebhookVerifier', async () => {
    const verifier = new WebhookVerifier(signingKey, new InMemoryJtiStore(() => at), () => at);
    const token = signMessageBirdWebhook({ signingKey, url, now: at });
    const request = { url, rawBody: Buffer.alloc(0), signature: token };
    await expect(verifier.verify(request)).resolves.toMatchObject({ ok: true });
    await expect(verifier.verify(request)).resolves.toMatchObject({ ok: false, reason: /replayed/ });
  });
});
