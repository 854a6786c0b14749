import { dayIn, nextDigestAt } from './digest-schedule';

describe('nextDigestAt', () => {
  it('is today at the digest time when it is still ahead, else tomorrow', () => {
    expect(nextDigestAt(new Date('2026-03-02T08:59:00Z'), '09:00', 'UTC').toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2026-03-02T09:00:00Z'), '09:00', 'UTC').toISOString()).toBe(
      '2026-03-03T09:00:00.000Z',
    );
  });

  it('reads the wall clock in the organisation zone, across a DST change', () => {
    // New York springs forward on 2026-03-08: 09:00 is 14:00Z before, 13:00Z after.
    expect(nextDigestAt(new Date('2026-03-07T15:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2026-03-06T15:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
  });

  it('moves a time that does not exist that day (a spring-forward gap) to just after the gap', () => {
    const at = nextDigestAt(new Date('2026-03-07T12:00:00Z'), '02:30', 'America/New_York');
    expect(at.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('keys the day in the organisation zone', () => {
    expect(dayIn(new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
    expect(dayIn(new Date('2026-03-02T03:00:00Z'), 'UTC')).toBe('2026-03-02');
  });
});
