import { readFileSync } from 'node:fs';
import { InMemoryJtiStore, type JtiStore } from './jti-store';
import { WebhookVerifier } from './webhook-verifier';

/** MessageBird's own signed-webhook test vectors, shipped inside the package. */
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

/** The verifier and its replay store both live at the vector's moment. */
const verifierFor = (vector: Vector, store: JtiStore = new InMemoryJtiStore(() => new Date(vector.timestamp))) =>
  new WebhookVerifier(vector.secret ?? 'no-secret-in-this-vector', store, () => new Date(vector.timestamp));
const requestOf = (vector: Vector) => ({
  url: vector.url,
  rawBody: Buffer.from(vector.payload ?? '', 'utf8'),
  signature: vector.token,
});

describe('WebhookVerifier against MessageBird reference vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(40);
    expect(vectors.some((v) => v.valid)).toBe(true);
    expect(vectors.some((v) => !v.valid)).toBe(true);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const result = await verifierFor(vector).verify(requestOf(vector));
    expect(result.ok).toBe(vector.valid);
    if (result.ok) expect(result.jti).toMatch(/^[0-9a-f-]{36}$/);
    else expect(result.reason).toMatch(/invalid signature/);
  });
});

describe('WebhookVerifier', () => {
  const valid = vectors.find((v) => v.valid && v.payload !== undefined)!;

  it('refuses the same token twice: a replay', async () => {
    const verifier = verifierFor(valid);
    await expect(verifier.verify(requestOf(valid))).resolves.toMatchObject({ ok: true });
    await expect(verifier.verify(requestOf(valid))).resolves.toEqual({
      ok: false,
      reason: expect.stringMatching(/replayed webhook/),
    });
  });

  it('remembers the token id until its expiry (plus the clock tolerance)', async () => {
    const remembered: Array<[string, Date]> = [];
    const store: JtiStore = {
      remember: (jti, expiresAt) => {
        remembered.push([jti, expiresAt]);
        return Promise.resolve(true);
      },
    };
    await verifierFor(valid, store).verify(requestOf(valid));
    const claims = JSON.parse(Buffer.from(valid.token.split('.')[1]!, 'base64url').toString());
    expect(remembered).toEqual([[claims.jti, new Date((claims.exp + 5) * 1000)]]);
  });

  it('refuses an altered body, an altered URL, a missing header and the wrong key', async () => {
    const verifier = verifierFor(valid);
    await expect(
      verifier.verify({ ...requestOf(valid), rawBody: Buffer.from('Hello, World?') }),
    ).resolves.toMatchObject({
      ok: false,
    });
    await expect(verifier.verify({ ...requestOf(valid), url: `${valid.url}&x=1` })).resolves.toMatchObject({
      ok: false,
    });
    await expect(verifier.verify({ ...requestOf(valid), signature: undefined })).resolves.toEqual({
      ok: false,
      reason: 'missing MessageBird-Signature-JWT header',
    });
    await expect(verifier.verify({ ...requestOf(valid), signature: '' })).resolves.toMatchObject({ ok: false });
    const otherKey = new WebhookVerifier('another-key', new InMemoryJtiStore(), () => new Date(valid.timestamp));
    await expect(otherKey.verify(requestOf(valid))).resolves.toMatchObject({ ok: false });
  });

  it('refuses a token once expired, judged by the clock it is given', async () => {
    const late = new WebhookVerifier(
      valid.secret!,
      new InMemoryJtiStore(),
      () => new Date('2021-07-05T12:05:00+02:00'),
    );
    await expect(late.verify(requestOf(valid))).resolves.toEqual({
      ok: false,
      reason: expect.stringMatching(/exp/),
    });
  });

  it('refuses garbage without throwing', async () => {
    await expect(verifierFor(valid).verify({ ...requestOf(valid), signature: 'not.a.jwt' })).resolves.toMatchObject({
      ok: false,
    });
  });

  it('lets a failing replay store reject, so the webhook can be answered 5xx and retried', async () => {
    const broken: JtiStore = { remember: () => Promise.reject(new Error('database down')) };
    await expect(verifierFor(valid, broken).verify(requestOf(valid))).rejects.toThrow('database down');
  });

  it('needs a signing key', () => {
    expect(() => new WebhookVerifier('', new InMemoryJtiStore())).toThrow(/signing key/);
  });
});
