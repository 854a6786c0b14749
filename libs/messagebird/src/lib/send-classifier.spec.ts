import { classifyCreated, classifySendError, type MessageBirdApiError, type PackageError } from './send-classifier';
import type { TransportView } from './request-observer';

/** Errors built exactly as messagebird 4.0.1's lib/messagebird.js builds them. */
function apiError(statusCode: number, errors: MessageBirdApiError[]): PackageError {
  const clientErrors = errors.map(
    (e) => `${e.description} (code: ${e.code}${e.parameter ? `, parameter: ${e.parameter}` : ''})`,
  );
  return Object.assign(new Error(`api error(s): ${clientErrors.join(', ')}`), { statusCode, errors });
}
function unreadable(statusCode: number): PackageError {
  return Object.assign(new Error('response failed'), { statusCode, error: new SyntaxError('Unexpected token <') });
}
function socketError(code: string, message = code): PackageError {
  return Object.assign(new Error(`request failed: ${message}`), { error: Object.assign(new Error(message), { code }) });
}

const connected: TransportView = { requestSeen: true, connected: true, retryAfterMs: null };
const neverConnected: TransportView = { requestSeen: true, connected: false, retryAfterMs: null };
const unobserved: TransportView = { requestSeen: false, connected: false, retryAfterMs: null };

describe('classifySendError', () => {
  it('429: rate limited, with the Retry-After that was seen', () => {
    const error = apiError(429, [{ code: 1, description: 'Too many requests', parameter: null }]);
    expect(classifySendError(error, { ...connected, retryAfterMs: 1000 })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 1000,
    });
    expect(classifySendError(unreadable(429), connected)).toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
  });

  it('401 / code 2: bad credentials', () => {
    const error = apiError(401, [
      { code: 2, description: 'Request not allowed (incorrect access_key)', parameter: 'access_key' },
    ]);
    expect(classifySendError(error, connected).kind).toBe('bad_credentials');
    expect(classifySendError(unreadable(401), connected).kind).toBe('bad_credentials');
  });

  it('code 25: insufficient balance', () => {
    const error = apiError(422, [{ code: 25, description: 'Not enough balance', parameter: null }]);
    expect(classifySendError(error, connected).kind).toBe('insufficient_balance');
  });

  it('codes 9, 10, 21 on recipients: invalid recipient', () => {
    for (const [code, description] of [
      [9, 'no (correct) recipients found'],
      [10, 'recipients is invalid'],
      [21, 'Bad request (phone number has unknown format)'],
    ] as const) {
      const error = apiError(422, [{ code, description, parameter: 'recipients' }]);
      expect(classifySendError(error, connected).kind).toBe('invalid_recipient');
    }
  });

  it('any other 4xx: rejected, permanently', () => {
    expect(
      classifySendError(
        apiError(422, [{ code: 9, description: 'originator is required', parameter: 'originator' }]),
        connected,
      ).kind,
    ).toBe('rejected');
    expect(
      classifySendError(apiError(404, [{ code: 20, description: 'message not found', parameter: null }]), connected)
        .kind,
    ).toBe('rejected');
    expect(classifySendError(unreadable(413), connected).kind).toBe('rejected');
  });

  it('5xx, 408, an unreadable 2xx, a response cut short: unknown', () => {
    expect(
      classifySendError(apiError(500, [{ code: 99, description: 'Internal error', parameter: null }]), connected).kind,
    ).toBe('unknown');
    expect(classifySendError(unreadable(502), connected).kind).toBe('unknown');
    expect(classifySendError(unreadable(201), connected).kind).toBe('unknown');
    expect(classifySendError(unreadable(408), connected).kind).toBe('unknown');
    expect(classifySendError(new Error('request closed'), connected).kind).toBe('unknown');
    expect(classifySendError('something odd', connected).kind).toBe('unknown');
  });

  it('refused connection, unknown host: not sent, whatever was observed', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
      expect(classifySendError(socketError(code), unobserved).kind).toBe('not_sent');
      expect(classifySendError(socketError(code), neverConnected).kind).toBe('not_sent');
    }
  });

  it('a hang-up or timeout: not sent only when the connection never opened', () => {
    const hangUp = socketError('ECONNRESET', 'socket hang up');
    expect(classifySendError(hangUp, neverConnected).kind).toBe('not_sent');
    expect(classifySendError(hangUp, connected).kind).toBe('unknown');
    expect(classifySendError(hangUp, unobserved).kind).toBe('unknown');
    expect(classifySendError(socketError('ETIMEDOUT'), connected).kind).toBe('unknown');
    expect(classifySendError(socketError('EPIPE'), connected).kind).toBe('unknown');
  });
});

describe('classifyCreated', () => {
  it('accepted with the message id', () => {
    expect(classifyCreated({ id: 'e8077d803532c0b5937c639b60216938' })).toEqual({
      kind: 'accepted',
      providerMessageId: 'e8077d803532c0b5937c639b60216938',
    });
  });

  it('unknown without one', () => {
    expect(classifyCreated(null).kind).toBe('unknown');
    expect(classifyCreated({ id: '' }).kind).toBe('unknown');
    expect(classifyCreated({}).kind).toBe('unknown');
  });
});
