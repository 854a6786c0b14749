import type { CampaignDigest } from '@proactive-sms/service-client';
import { progressBar } from '../views/progress';
import { digestMessage, isDigestOf, digestMetadata } from './digest.format';

const counts = {
  pending: 1,
  sending: 0,
  sent: 0,
  delivered: 1,
  failed: 0,
  unknown: 0,
  not_reached: 0,
  opted_out: 0,
  stopped: 0,
};

const campaign: CampaignDigest = {
  id: 7,
  name: 'December <shipping>',
  status: 'active',
  slackChannelId: 'C0GENERAL',
  senderNumber: '+14155550100',
  lists: [
    {
      id: 1,
      fileName: 'december.csv',
      status: 'in_progress',
      counts,
      progress: { handled: 1, total: 2, percent: 50 },
      forecast: {
        firstSendAt: '2026-12-01T14:00:00.000Z',
        lastSendAt: '2026-12-01T17:00:00.000Z',
        notReachableBeforeEnd: 0,
      },
      outreachStartAt: '2026-12-01T09:00',
      outreachEndAt: null,
    },
  ],
  totals: {
    recipients: 2,
    sent: 1,
    delivered: 1,
    failed: 0,
    unknown: 0,
    optedOut: 0,
    replies: 3,
    notReached: 0,
    pending: 1,
  },
  expectedFinish: '2026-12-01T17:00:00.000Z',
  warnings: ["1 recipient will not be reached before the list's end time."],
};

describe('progressBar', () => {
  it('draws ten cells and the percentage', () => {
    expect(progressBar(50)).toBe('▓▓▓▓▓░░░░░ 50%');
    expect(progressBar(0)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar(100)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(37.9)).toBe('▓▓▓▓░░░░░░ 37%');
    expect(progressBar(140)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
  });
});

describe('digestMessage', () => {
  it('shows each list’s bar, the totals, the expected finish in the org zone and the warnings', () => {
    const message = digestMessage(campaign, 'America/New_York', '2026-12-01');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('December &lt;shipping&gt;');
    expect(text).toContain('`december.csv` in progress ▓▓▓▓▓░░░░░ 50% (1/2)');
    expect(text).toContain(
      'sent 1 · delivered 1 · failed 0 · unknown 0 · opted out 0 · replies 3 · not reached 0 · waiting 1',
    );
    expect(text).toContain('Expected finish: Tue 1 Dec 2026, 12:00 EST');
    expect(text).toContain(':warning: 1 recipient will not be reached');
    expect(message.text).toContain('Daily digest for December <shipping> (2026-12-01)');
  });

  it('marks the message so a second run the same day can find it', () => {
    expect(isDigestOf(digestMetadata(7, '2026-12-01'), 7, '2026-12-01')).toBe(true);
    expect(isDigestOf(digestMetadata(7, '2026-12-01'), 7, '2026-12-02')).toBe(false);
    expect(isDigestOf(digestMetadata(7, '2026-12-01'), 8, '2026-12-01')).toBe(false);
  });
});
