import { DateTime } from 'luxon';
import { DEFAULT_LEGAL_WINDOW, LegalWindow } from './legal-window';
import { hasAnySendWindow, isInsideSendWindow, nextSendInstant } from './send-window';
import { closedSchedule, WeeklySchedule, Weekday } from './weekly-schedule';

const WHOLE_DAY: LegalWindow = { open: 0, close: 24 * 60 };

function schedule(open: Partial<Record<Weekday, [string, string]>>): WeeklySchedule {
  const result = closedSchedule();
  for (const [day, [openAt, closeAt]] of Object.entries(open) as [Weekday, [string, string]][]) {
    result[day] = { closed: false, open: openAt, close: closeAt };
  }
  return result;
}

/** The answer as a recipient in `timeZone` would read it on their phone. */
function next(
  weekly: WeeklySchedule,
  timeZone: string,
  notBefore: string,
  legalWindow: LegalWindow = DEFAULT_LEGAL_WINDOW,
): string | null {
  const result = nextSendInstant({ schedule: weekly, timeZone, legalWindow, notBefore: new Date(notBefore) });
  return result && DateTime.fromJSDate(result, { zone: timeZone }).toFormat("ccc yyyy-MM-dd'T'HH:mm:ssZZ");
}

describe('nextSendInstant', () => {
  const weekdays9to17 = schedule({
    monday: ['09:00', '17:00'],
    tuesday: ['09:00', '17:00'],
    wednesday: ['09:00', '17:00'],
    thursday: ['09:00', '17:00'],
    friday: ['09:00', '17:00'],
  });

  it('waits from a Saturday evening until Monday 09:00 in the recipient zone', () => {
    const mondays = schedule({ monday: ['09:00', '17:00'] });
    expect(next(mondays, 'America/Los_Angeles', '2026-12-05T20:00:00-08:00')).toBe('Mon 2026-12-07T09:00:00-08:00');
  });

  it('applies the same schedule in each recipient own zone', () => {
    const instant = '2026-12-07T12:00:00Z'; // Monday 07:00 in New York, 04:00 in Los Angeles, 17:30 in Kolkata, 21:00 in Tokyo
    expect(next(weekdays9to17, 'America/New_York', instant)).toBe('Mon 2026-12-07T09:00:00-05:00');
    expect(next(weekdays9to17, 'America/Los_Angeles', instant)).toBe('Mon 2026-12-07T09:00:00-08:00');
    expect(next(weekdays9to17, 'Asia/Tokyo', instant)).toBe('Tue 2026-12-08T09:00:00+09:00');
    expect(next(weekdays9to17, 'Asia/Kolkata', instant)).toBe('Tue 2026-12-08T09:00:00+05:30');
  });

  it('returns notBefore itself when it is already inside the window', () => {
    const result = nextSendInstant({
      schedule: weekdays9to17,
      timeZone: 'Europe/Paris',
      legalWindow: DEFAULT_LEGAL_WINDOW,
      notBefore: new Date('2026-12-07T10:15:30.250+01:00'),
    });
    expect(result?.toISOString()).toBe('2026-12-07T09:15:30.250Z');
  });

  it('treats the close time as exclusive', () => {
    expect(next(weekdays9to17, 'Europe/Paris', '2026-12-07T16:59:59+01:00')).toBe('Mon 2026-12-07T16:59:59+01:00');
    expect(next(weekdays9to17, 'Europe/Paris', '2026-12-07T17:00:00+01:00')).toBe('Tue 2026-12-08T09:00:00+01:00');
    expect(next(weekdays9to17, 'Europe/Paris', '2026-12-11T17:00:00+01:00')).toBe('Mon 2026-12-14T09:00:00+01:00');
  });

  it('never sends outside the legal floor when it is narrower than the schedule', () => {
    const longDays = schedule({ monday: ['06:00', '23:00'], tuesday: ['06:00', '23:00'] });
    const floor = { open: 9 * 60, close: 20 * 60 }; // e.g. Connecticut
    expect(next(longDays, 'America/New_York', '2026-12-07T06:30:00-05:00', floor)).toBe(
      'Mon 2026-12-07T09:00:00-05:00',
    );
    expect(next(longDays, 'America/New_York', '2026-12-07T20:00:00-05:00', floor)).toBe(
      'Tue 2026-12-08T09:00:00-05:00',
    );
    expect(next(longDays, 'America/New_York', '2026-12-07T20:00:00-05:00')).toBe('Mon 2026-12-07T20:00:00-05:00');
  });

  it('sends until midnight on a day that closes at 24:00, and not after', () => {
    const fridayNights = schedule({ friday: ['18:00', '24:00'] });
    expect(next(fridayNights, 'Europe/London', '2026-12-04T23:59:30Z', WHOLE_DAY)).toBe(
      'Fri 2026-12-04T23:59:30+00:00',
    );
    expect(next(fridayNights, 'Europe/London', '2026-12-05T00:00:00Z', WHOLE_DAY)).toBe(
      'Fri 2026-12-11T18:00:00+00:00',
    );
    // With the default floor the same day ends at 21:00.
    expect(next(fridayNights, 'Europe/London', '2026-12-04T21:00:00Z')).toBe('Fri 2026-12-11T18:00:00+00:00');
  });

  it('gives null when the schedule is closed every day, or open only outside the legal floor', () => {
    expect(next(closedSchedule(), 'America/New_York', '2026-12-07T12:00:00Z')).toBeNull();
    const lateNights = schedule({ monday: ['21:30', '23:00'], friday: ['05:00', '08:00'] });
    expect(hasAnySendWindow(lateNights, DEFAULT_LEGAL_WINDOW)).toBe(false);
    expect(next(lateNights, 'America/New_York', '2026-12-07T12:00:00Z')).toBeNull();
  });

  it('refuses an unknown time zone or an invalid date', () => {
    expect(() => next(weekdays9to17, 'Mars/Olympus_Mons', '2026-12-07T12:00:00Z')).toThrow(/Unknown IANA time zone/);
    expect(() => next(weekdays9to17, 'UTC', 'not a date')).toThrow(RangeError);
  });

  it('resolves zone links such as US/Eastern like their canonical zone', () => {
    expect(next(weekdays9to17, 'US/Eastern', '2026-12-07T12:00:00Z')).toBe('Mon 2026-12-07T09:00:00-05:00');
  });

  describe('America/New_York, spring forward on Sunday 2026-03-08 (02:00 → 03:00)', () => {
    it('opens a 02:30 window at 03:00, the first real instant after the gap', () => {
      const sundays = schedule({ sunday: ['02:30', '04:00'] });
      expect(next(sundays, 'America/New_York', '2026-03-07T22:00:00-05:00', WHOLE_DAY)).toBe(
        'Sun 2026-03-08T03:00:00-04:00',
      );
    });

    it('skips a window that lies wholly inside the gap to the next week', () => {
      const sundays = schedule({ sunday: ['02:00', '02:45'] });
      expect(next(sundays, 'America/New_York', '2026-03-07T22:00:00-05:00', WHOLE_DAY)).toBe(
        'Sun 2026-03-15T02:00:00-04:00',
      );
    });

    it('keeps a 09:00 window at 09:00 local on the new offset', () => {
      const sundays = schedule({ sunday: ['09:00', '17:00'] });
      expect(next(sundays, 'America/New_York', '2026-03-07T22:00:00-05:00')).toBe('Sun 2026-03-08T09:00:00-04:00');
    });
  });

  describe('America/New_York, fall back on Sunday 2026-11-01 (02:00 → 01:00)', () => {
    const sundays = schedule({ sunday: ['01:00', '01:30'] });

    it('uses the first 01:00 when starting before it', () => {
      expect(next(sundays, 'America/New_York', '2026-11-01T00:00:00-04:00', WHOLE_DAY)).toBe(
        'Sun 2026-11-01T01:00:00-04:00',
      );
    });

    it('uses the repeated 01:00 (EST) when the first pass of the window is over', () => {
      expect(next(sundays, 'America/New_York', '2026-11-01T01:45:00-04:00', WHOLE_DAY)).toBe(
        'Sun 2026-11-01T01:00:00-05:00',
      );
    });

    it('goes to the next week once the repeated pass is over too', () => {
      expect(next(sundays, 'America/New_York', '2026-11-01T01:30:00-05:00', WHOLE_DAY)).toBe(
        'Sun 2026-11-08T01:00:00-05:00',
      );
    });
  });

  describe('Europe/Berlin', () => {
    it('spring forward 2026-03-29: a 02:30 opening becomes 03:00 CEST', () => {
      const sundays = schedule({ sunday: ['02:30', '05:00'] });
      expect(next(sundays, 'Europe/Berlin', '2026-03-28T12:00:00+01:00', WHOLE_DAY)).toBe(
        'Sun 2026-03-29T03:00:00+02:00',
      );
    });

    it('fall back 2026-10-25: after the first 02:00–02:30 comes the second one, in CET', () => {
      const sundays = schedule({ sunday: ['02:00', '02:30'] });
      expect(next(sundays, 'Europe/Berlin', '2026-10-25T02:40:00+02:00', WHOLE_DAY)).toBe(
        'Sun 2026-10-25T02:00:00+01:00',
      );
    });
  });

  describe('Australia/Lord_Howe (30-minute DST)', () => {
    it('spring forward 2026-10-04 (02:00 → 02:30): a 02:10 opening becomes 02:30', () => {
      const sundays = schedule({ sunday: ['02:10', '03:00'] });
      expect(next(sundays, 'Australia/Lord_Howe', '2026-10-03T12:00:00+10:30', WHOLE_DAY)).toBe(
        'Sun 2026-10-04T02:30:00+11:00',
      );
    });

    it('fall back 2026-04-05 (02:00 → 01:30): the repeated half hour is found', () => {
      const sundays = schedule({ sunday: ['01:30', '01:45'] });
      expect(next(sundays, 'Australia/Lord_Howe', '2026-04-05T01:50:00+11:00', WHOLE_DAY)).toBe(
        'Sun 2026-04-05T01:30:00+10:30',
      );
    });

    it('keeps 09:00 at 09:00 across the change', () => {
      const sundays = schedule({ sunday: ['09:00', '10:00'] });
      expect(next(sundays, 'Australia/Lord_Howe', '2026-10-03T12:00:00+10:30')).toBe('Sun 2026-10-04T09:00:00+11:00');
    });
  });

  describe('America/Santiago (DST changes at midnight)', () => {
    it('spring forward 2026-09-06: Sunday midnight does not exist, a 00:00 window opens at 01:00', () => {
      const sundays = schedule({ sunday: ['00:00', '02:00'] });
      expect(next(sundays, 'America/Santiago', '2026-09-05T22:00:00-04:00', WHOLE_DAY)).toBe(
        'Sun 2026-09-06T01:00:00-03:00',
      );
    });

    it('fall back 2026-04-05: Saturday 23:00 happens twice and Sunday starts after the repeat', () => {
      const saturdayLate = schedule({ saturday: ['23:00', '24:00'] });
      expect(next(saturdayLate, 'America/Santiago', '2026-04-05T00:00:00-03:00', WHOLE_DAY)).toBe(
        'Sat 2026-04-04T23:00:00-04:00',
      );
      const sundays = schedule({ sunday: ['00:00', '01:00'] });
      expect(next(sundays, 'America/Santiago', '2026-04-04T23:30:00-03:00', WHOLE_DAY)).toBe(
        'Sun 2026-04-05T00:00:00-04:00',
      );
    });
  });

  it('America/Havana spring forward 2026-03-08 (00:00 → 01:00): a midnight opening moves to 01:00', () => {
    const sundays = schedule({ sunday: ['00:00', '03:00'] });
    expect(next(sundays, 'America/Havana', '2026-03-07T20:00:00-05:00', WHOLE_DAY)).toBe(
      'Sun 2026-03-08T01:00:00-04:00',
    );
  });

  describe('Pacific/Apia, where Friday 2011-12-30 never happened', () => {
    it('moves a Friday-only schedule to the following Friday', () => {
      const fridays = schedule({ friday: ['09:00', '17:00'] });
      expect(next(fridays, 'Pacific/Apia', '2011-12-29T18:00:00-10:00')).toBe('Fri 2012-01-06T09:00:00+14:00');
    });

    it('goes from Thursday night straight to Saturday', () => {
      const allWeek = schedule({
        thursday: ['08:00', '21:00'],
        friday: ['08:00', '21:00'],
        saturday: ['08:00', '21:00'],
      });
      expect(next(allWeek, 'Pacific/Apia', '2011-12-29T21:00:00-10:00')).toBe('Sat 2011-12-31T08:00:00+14:00');
    });
  });
});

describe('isInsideSendWindow', () => {
  const mondays = schedule({ monday: ['09:00', '17:00'] });
  const inside = (iso: string, timeZone: string, legal: LegalWindow = DEFAULT_LEGAL_WINDOW) =>
    isInsideSendWindow(new Date(iso), mondays, timeZone, legal);

  it('reads the instant in the recipient zone', () => {
    expect(inside('2026-12-07T17:00:00Z', 'America/New_York')).toBe(true); // 12:00 in New York
    expect(inside('2026-12-07T17:00:00Z', 'Europe/Berlin')).toBe(false); // 18:00 in Berlin
    expect(inside('2026-12-07T08:59:59.999+01:00', 'Europe/Berlin')).toBe(false);
    expect(inside('2026-12-07T09:00:00+01:00', 'Europe/Berlin')).toBe(true);
  });

  it('applies the legal floor', () => {
    expect(inside('2026-12-07T09:30:00+01:00', 'Europe/Berlin', { open: 10 * 60, close: 20 * 60 })).toBe(false);
  });
});
