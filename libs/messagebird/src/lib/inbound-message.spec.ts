import { parseInboundMessage } from './inbound-message';

describe('parseInboundMessage', () => {
  it("reads MessageBird's receive-message fields and writes numbers in E.164", () => {
    const body = new URLSearchParams({
      id: 'e8077d803532c0b5937c639b60216938',
      recipient: '15550001111',
      originator: '15557654321',
      body: 'STOP',
      createdDatetime: '2026-11-29T14:26:57+00:00',
    });
    expect(parseInboundMessage(Object.fromEntries(body))).toEqual({
      providerMessageId: 'e8077d803532c0b5937c639b60216938',
      originator: '+15557654321',
      recipient: '+15550001111',
      body: 'STOP',
      receivedAt: new Date('2026-11-29T14:26:57Z'),
    });
  });

  it('accepts the variants forwarders send: receiver, payload, CreatedDatetime, date_utc', () => {
    expect(
      parseInboundMessage({
        id: 'a1',
        receiver: '+15550001111',
        originator: '+15557654321',
        payload: 'yes',
        CreatedDatetime: '2023-07-27T00:49:29+00:00',
      }),
    ).toMatchObject({ recipient: '+15550001111', body: 'yes', receivedAt: new Date('2023-07-27T00:49:29Z') });
    expect(
      parseInboundMessage({
        id: 'a2',
        recipient: '15550001111',
        originator: '15557654321',
        message: 'hi',
        date_utc: '1690418969',
      }),
    ).toMatchObject({ body: 'hi', receivedAt: new Date('2023-07-27T00:49:29Z') });
  });

  it('keeps an empty text', () => {
    expect(
      parseInboundMessage({
        id: 'a3',
        recipient: '15550001111',
        originator: '15557654321',
        body: '',
        date_utc: '1690418969',
      })?.body,
    ).toBe('');
  });

  it('refuses a message without id, numbers, text or time', () => {
    const complete = {
      id: 'a4',
      recipient: '15550001111',
      originator: '15557654321',
      body: 'hi',
      createdDatetime: '2026-11-29T14:26:57+00:00',
    };
    for (const field of Object.keys(complete)) {
      const params: Record<string, string> = { ...complete };
      delete params[field];
      expect(parseInboundMessage(params)).toBeNull();
    }
    expect(parseInboundMessage({ ...complete, originator: 'Bank' })).toBeNull();
  });
});
