import { DateTime } from 'luxon';
import { DEFAULT_LEGAL_WINDOW } from './legal-window';
import {
  formatWallClock,
  parseWallClock,
  recipientDueTime,
  validateOutreach,
  WallClock,
  wallClockInZone,
} from './outreach';
import { closedSchedule, WeeklySchedule } from './weekly-schedule';

function wall(text: string): WallClock {
  const parsed = parseWallClock(text);
  if (!parsed) throw new Error(`bad wall clock in test: ${text}`);
  return parsed;
}

describe('parseWallClock', () => {
  it('reads a local date-time without offset', () => {
    expect(parseWallClock('2026-12-01T09:00')).toEqual({ year: 2026, month: 12, day: 1, hour: 9, minute: 0 });
    expect(parseWallClock('2028-02-29T23:59')).toEqual({ year: 2028, month: 2, day: 29, hour: 23, minute: 59 });
  });

  it.each([
    '2026-02-29T09:00', // not a leap year
    '2026-04-31T09:00',
    '2026-13-01T09:00',
    '2026-12-01T24:00',
    '2026-12-01T09:60',
    '2026-12-01 09:00',
    '2026-12-01T9:00',
    '2026-12-01T09:00:00',
    '2026-12-01T09:00Z',
    '2026-12-01T09:00-05:00',
    '2026-12-01',
    '',
  ])('refuses %j', (text) => {
    expect(parseWallClock(text)).toBeNull();
  });

  it('formats back to the same text', () => {
    expect(formatWallClock(wall('2026-03-08T02:30'))).toBe('2026-03-08T02:30');
  });
});

describe('wallClockInZone', () => {
  const iso = (text: string, timeZone: string) => wallClockInZone(wall(text), timeZone).toISOString();

  it('gives the instant of that wall clock in each zone', () => {
    expect(iso('2026-12-01T09:00', 'America/Los_Angeles')).toBe('2026-12-01T17:00:00.000Z');
    expect(iso('2026-12-01T09:00', 'Asia/Kolkata')).toBe('2026-12-01T03:30:00.000Z');
  });

  it('maps a time in the spring-forward gap to the end of the gap (02:30 → 03:00 EDT)', () => {
    expect(iso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-10-04T02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z'); // 02:30 +11:00
  });

  it('maps a repeated fall-back time to its first occurrence (01:30 EDT, not EST)', () => {
    expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles a midnight that does not exist and a date that was skipped', () => {
    expect(iso('2026-09-06T00:00', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z'); // 01:00 -03:00
    expect(iso('2011-12-30T12:00', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z'); // 2011-12-31 00:00 +14:00
  });
});

describe('validateOutreach', () => {
  const now = new Date('2026-11-29T03:00:00Z'); // still 2026-11-28 in Los Angeles

  it('accepts a start with no end', () => {
    expect(validateOutreach({ start: '2026-12-01T09:00', now, orgTimeZone: 'UTC' })).toEqual({
      ok: true,
      start: wall('2026-12-01T09:00'),
      end: null,
    });
    expect(validateOutreach({ start: '2026-12-01T09:00', end: '', now, orgTimeZone: 'UTC' })).toMatchObject({
      ok: true,
      end: null,
    });
  });

  it('accepts a start earlier today: it means as soon as the window allows', () => {
    expect(validateOutreach({ start: '2026-11-29T00:00', now, orgTimeZone: 'UTC' }).ok).toBe(true);
  });

  it('refuses a start date before today in the organisation zone', () => {
    expect(validateOutreach({ start: '2026-11-20T09:00', now, orgTimeZone: 'UTC' })).toEqual({
      ok: false,
      errors: {
        outreachStartAt:
          'Outreach start 2026-11-20 is in the past (today is 2026-11-29 in UTC). Pick today or a later date.',
      },
    });
  });

  it('judges "today" in the organisation zone', () => {
    expect(validateOutreach({ start: '2026-11-28T09:00', now, orgTimeZone: 'UTC' }).ok).toBe(false);
    expect(validateOutreach({ start: '2026-11-28T09:00', now, orgTimeZone: 'America/Los_Angeles' }).ok).toBe(true);
  });

  it('needs the end after the start', () => {
    expect(validateOutreach({ start: '2026-12-01T09:00', end: '2026-12-01T09:00', now, orgTimeZone: 'UTC' })).toEqual({
      ok: false,
      errors: {
        outreachEndAt:
          'Outreach end 2026-12-01T09:00 is not after the start (2026-12-01T09:00). Pick an end after the start, or leave it empty.',
      },
    });
    expect(validateOutreach({ start: '2026-12-01T09:00', end: '2026-12-01T09:01', now, orgTimeZone: 'UTC' }).ok).toBe(
      true,
    );
  });

  it('reports bad formats and impossible dates on their own fields', () => {
    const result = validateOutreach({ start: '12/01/2026 9am', end: '2026-02-30T09:00', now, orgTimeZone: 'UTC' });
    expect(result).toEqual({
      ok: false,
      errors: {
        outreachStartAt:
          'Outreach start "12/01/2026 9am" is not in the expected format YYYY-MM-DDTHH:mm (24-hour), e.g. 2026-12-01T09:00.',
        outreachEndAt:
          'Outreach end "2026-02-30T09:00" is not a real date and time. Use YYYY-MM-DDTHH:mm (24-hour), e.g. 2026-12-01T09:00.',
      },
    });
    expect(validateOutreach({ start: ' ', now, orgTimeZone: 'UTC' })).toMatchObject({
      ok: false,
      errors: { outreachStartAt: expect.stringContaining('Outreach start is required') },
    });
  });

  it('throws on an unknown organisation zone (configuration error)', () => {
    expect(() => validateOutreach({ start: '2026-12-01T09:00', now, orgTimeZone: 'Nowhere/Land' })).toThrow(RangeError);
  });
});

describe('recipientDueTime', () => {
  const weekdays: WeeklySchedule = { ...closedSchedule() };
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) {
    weekdays[day] = { closed: false, open: '09:00', close: '17:00' };
  }
  const due = (timeZone: string, start: string, now: string, end: string | null = null) =>
    recipientDueTime({
      schedule: weekdays,
      timeZone,
      legalWindow: DEFAULT_LEGAL_WINDOW,
      start: wall(start),
      end: end === null ? null : wall(end),
      now: new Date(now),
    });
  const localDue = (result: ReturnType<typeof due>, timeZone: string) =>
    result.kind === 'due'
      ? DateTime.fromJSDate(result.dueAt, { zone: timeZone }).toFormat("ccc yyyy-MM-dd'T'HH:mm")
      : result;

  it('reaches each recipient at 9 AM their own time for a 9 AM start', () => {
    const now = '2026-11-30T12:00:00Z';
    expect(localDue(due('America/Los_Angeles', '2026-12-01T09:00', now), 'America/Los_Angeles')).toBe(
      'Tue 2026-12-01T09:00',
    );
    expect(localDue(due('America/New_York', '2026-12-01T09:00', now), 'America/New_York')).toBe('Tue 2026-12-01T09:00');
    expect(localDue(due('Asia/Tokyo', '2026-12-01T09:00', now), 'Asia/Tokyo')).toBe('Tue 2026-12-01T09:00');
  });

  it('starts now when the start has passed and the window is open', () => {
    const result = due('Europe/Berlin', '2026-12-01T09:00', '2026-12-01T10:00:00Z');
    expect(result).toEqual({ kind: 'due', dueAt: new Date('2026-12-01T10:00:00Z') });
  });

  it('moves a start outside the schedule to the next window (Saturday start → Monday 09:00)', () => {
    expect(localDue(due('America/Chicago', '2026-12-05T10:00', '2026-12-01T12:00:00Z'), 'America/Chicago')).toBe(
      'Mon 2026-12-07T09:00',
    );
  });

  it('is not reachable when the next window starts at or after the end', () => {
    const result = due('America/Los_Angeles', '2026-12-05T10:00', '2026-12-01T12:00:00Z', '2026-12-07T09:00');
    expect(result).toMatchObject({ kind: 'not_reachable', code: 'no_window_before_end' });
    expect(result.kind === 'not_reachable' && result.reason).toBe(
      'No send window in America/Los_Angeles between the outreach start and its end (2026-12-07T09:00 local time).',
    );
    expect(due('America/Los_Angeles', '2026-12-05T10:00', '2026-12-01T12:00:00Z', '2026-12-07T09:01').kind).toBe('due');
  });

  it('is not reachable once the end has passed in the recipient zone', () => {
    // 18:00 UTC on 2026-12-01: the 17:00 end has passed in London but not yet in New York (13:00).
    expect(due('Europe/London', '2026-12-01T09:00', '2026-12-01T18:00:00Z', '2026-12-01T17:00')).toMatchObject({
      kind: 'not_reachable',
      code: 'outreach_ended',
    });
    expect(due('America/New_York', '2026-12-01T09:00', '2026-12-01T18:00:00Z', '2026-12-01T17:00')).toEqual({
      kind: 'due',
      dueAt: new Date('2026-12-01T18:00:00Z'),
    });
  });

  it('is not reachable when the schedule has no window at all', () => {
    const result = recipientDueTime({
      schedule: closedSchedule(),
      timeZone: 'UTC',
      legalWindow: DEFAULT_LEGAL_WINDOW,
      start: wall('2026-12-01T09:00'),
      end: null,
      now: new Date('2026-11-30T00:00:00Z'),
    });
    expect(result).toMatchObject({ kind: 'not_reachable', code: 'no_send_window' });
  });
});
