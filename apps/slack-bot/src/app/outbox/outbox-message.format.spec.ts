import type { OutboxItem } from '@proactive-sms/service-client';
import { isOutboxMessage, outboxMessage, outboxMetadata } from './outbox-message.format';

const item = (kind: OutboxItem['kind'], payload: Record<string, unknown>): OutboxItem => ({
  id: 12,
  kind,
  channelId: 'C0INBOX',
  payload,
  attempts: 1,
  threadTs: null,
  createdAt: '2026-12-01T10:00:00.000Z',
});

describe('outboxMessage', () => {
  it('shows who replied to which number, escaping what the texter wrote', () => {
    const message = outboxMessage(
      item('reply', {
        phone: '+15551234567',
        body: 'Call me <!channel> & <https://evil.example|here>',
        recipientName: 'Ana',
        senderLabel: 'Support US',
        senderNumber: '+14155550100',
        campaignName: 'December',
        receivedAt: '2026-12-01T10:00:00.000Z',
      }),
      'UTC',
    );
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain('*Ana (+15551234567)* replied to Support US · +14155550100');
    expect(blocks).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|here&gt;');
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).toContain('campaign *December*');
  });

  it('says an opt-out is final for the number, and shows alerts with their title', () => {
    expect(
      JSON.stringify(outboxMessage(item('opt_out', { phone: '+15551234567', body: 'STOP' }), 'UTC').blocks),
    ).toContain('opted out');
    const alert = outboxMessage(
      item('alert', {
        severity: 'error',
        title: 'Campaign paused',
        text: 'Top up the balance',
        campaignName: 'December',
      }),
      'UTC',
    );
    expect(alert.text).toBe('Campaign paused: Top up the balance');
    expect(JSON.stringify(alert.blocks)).toContain(':rotating_light: *Campaign paused*');
  });

  it('marks the message with the outbox id, which a retry recognises', () => {
    expect(isOutboxMessage(outboxMetadata(12), 12)).toBe(true);
    expect(isOutboxMessage(outboxMetadata(12), 13)).toBe(false);
    expect(isOutboxMessage(undefined, 12)).toBe(false);
  });
});
