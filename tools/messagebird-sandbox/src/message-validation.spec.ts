import { validateCreateMessage } from './message-validation';

describe('validateCreateMessage', () => {
  const valid = { originator: 'Support', recipients: '15551234567', body: 'Hi' };

  it('accepts recipients as the package sends them (one comma-separated string) or as an array', () => {
    const joined = validateCreateMessage({ ...valid, recipients: '+15551234567,15557654321' });
    expect(joined).toMatchObject({ ok: true, request: { msisdns: ['15551234567', '15557654321'] } });
    const array = validateCreateMessage({ ...valid, recipients: [15551234567, '+1 555 765-4321'] });
    expect(array).toMatchObject({ ok: true, request: { msisdns: ['15551234567', '15557654321'] } });
  });

  it('fills MessageBird’s defaults', () => {
    expect(validateCreateMessage(valid)).toEqual({
      ok: true,
      request: {
        msisdns: ['15551234567'],
        originator: 'Support',
        body: 'Hi',
        type: 'sms',
        reference: null,
        reportUrl: null,
        validity: null,
        gateway: null,
        typeDetails: {},
        datacoding: 'plain',
        mclass: 1,
        scheduledAt: null,
      },
    });
  });

  it('takes numeric and alphanumeric originators', () => {
    for (const originator of ['+15550001111', '15550001111', 'Support', 'Shop 24']) {
      expect(validateCreateMessage({ ...valid, originator }).ok).toBe(true);
    }
    for (const originator of ['Twelve chars', 'Shop!', '12345678901234567890']) {
      expect(validateCreateMessage({ ...valid, originator })).toMatchObject({
        ok: false,
        errors: [{ code: 10, parameter: 'originator' }],
      });
    }
  });

  it('reports invalid optional parameters with code 10', () => {
    const result = validateCreateMessage({
      ...valid,
      datacoding: 'ascii',
      type: 'mms',
      reportUrl: 'ftp://x',
      validity: 0,
      mclass: 3,
      scheduledDatetime: 'tomorrow',
    });
    expect(result.ok ? [] : result.errors.map((e) => `${e.code} ${e.parameter}`)).toEqual([
      '10 type',
      '10 datacoding',
      '10 reportUrl',
      '10 validity',
      '10 mclass',
      '10 scheduledDatetime',
    ]);
  });
});
