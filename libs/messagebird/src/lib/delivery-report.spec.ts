import { DELIVERY_STATUSES, mapDeliveryStatus, parseDeliveryReport } from './delivery-report';

/** A status report's query string as MessageBird sends it (keys sorted, extra fields included). */
const REAL_REPORT =
  'datacoding=plain&id=71fd32a4e41a4380af1efa0fe7676f99&mccmnc=302370&messageLength=47&messagePartCount=1&ported=0' +
  '&price%5Bamount%5D=0.00225&price%5Bcurrency%5D=USD&recipient=16478958837&reference=SenderId&status=delivered' +
  '&statusDatetime=2023-10-11T10%3A30%3A21%2B00%3A00&statusReason=successfully+delivered';

const paramsOf = (query: string) => Object.fromEntries(new URLSearchParams(query));

describe('parseDeliveryReport', () => {
  it('reads a real report and ignores the fields it does not need', () => {
    expect(parseDeliveryReport(paramsOf(REAL_REPORT))).toEqual({
      providerMessageId: '71fd32a4e41a4380af1efa0fe7676f99',
      reference: 'SenderId',
      recipient: '+16478958837',
      status: 'delivered',
      statusDatetime: new Date('2023-10-11T10:30:21Z'),
      statusReason: 'successfully delivered',
    });
  });

  it('keeps the error code of a failure', () => {
    const failed = parseDeliveryReport({
      ...paramsOf(REAL_REPORT),
      status: 'delivery_failed',
      statusErrorCode: '103',
      statusReason: 'stopped',
    });
    expect(failed).toMatchObject({ status: 'delivery_failed', errorCode: 103, statusReason: 'stopped' });
  });

  it('takes the first of repeated values (express gives an array)', () => {
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), status: ['sent', 'delivered'] })?.status).toBe('sent');
  });

  it('refuses a report missing a required field, with an unknown status or an unzoned time', () => {
    for (const field of ['id', 'reference', 'recipient', 'status', 'statusDatetime']) {
      const params = paramsOf(REAL_REPORT);
      delete params[field];
      expect(parseDeliveryReport(params)).toBeNull();
    }
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), status: 'queued' })).toBeNull();
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), statusDatetime: '2023-10-11 10:30:21' })).toBeNull();
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), statusDatetime: '2023-02-31T10:30:21Z' })).toBeNull();
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), recipient: 'someone' })).toBeNull();
  });

  it('ignores an error code that is not a number', () => {
    expect(parseDeliveryReport({ ...paramsOf(REAL_REPORT), statusErrorCode: 'n/a' })?.errorCode).toBeUndefined();
  });
});

describe('mapDeliveryStatus', () => {
  it('maps every MessageBird status', () => {
    expect(Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, mapDeliveryStatus(status)]))).toEqual({
      scheduled: null,
      sent: 'sent',
      buffered: null,
      delivered: 'delivered',
      expired: 'failed',
      delivery_failed: 'failed',
    });
  });
});
