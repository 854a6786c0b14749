import {
  CLOSED_EVERY_DAY_WARNING,
  closedSchedule,
  dayInterval,
  isClosedEveryDay,
  parseWeeklySchedule,
  WEEKDAYS,
} from './weekly-schedule';

describe('WEEKDAYS', () => {
  it('runs Monday to Sunday', () => {
    expect(WEEKDAYS).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
  });
});

describe('closedSchedule', () => {
  it('is closed every day, like the modal default', () => {
    const schedule = closedSchedule();
    expect(WEEKDAYS.map((day) => schedule[day])).toEqual(WEEKDAYS.map(() => ({ closed: true })));
    expect(isClosedEveryDay(schedule)).toBe(true);
  });
});

describe('parseWeeklySchedule', () => {
  it('accepts the API contract and treats missing days as closed', () => {
    const result = parseWeeklySchedule({
      monday: { closed: false, open: '09:00', close: '17:00' },
      tuesday: { closed: true },
    });
    expect(result).toEqual({
      ok: true,
      warnings: [],
      schedule: { ...closedSchedule(), monday: { closed: false, open: '09:00', close: '17:00' } },
    });
  });

  it('allows a day closing at 24:00 (midnight at the end of the day)', () => {
    const result = parseWeeklySchedule({ friday: { closed: false, open: '18:00', close: '24:00' } });
    expect(result.ok && result.schedule.friday).toEqual({ closed: false, open: '18:00', close: '24:00' });
  });

  it('ignores times left on a day marked closed', () => {
    const result = parseWeeklySchedule({
      monday: { closed: true, open: '09:00', close: '17:00' },
      tuesday: { closed: false, open: '09:00', close: '17:00' },
    });
    expect(result.ok && result.schedule.monday).toEqual({ closed: true });
  });

  it('accepts a schedule closed every day, with a warning', () => {
    expect(parseWeeklySchedule({})).toEqual({
      ok: true,
      schedule: closedSchedule(),
      warnings: [CLOSED_EVERY_DAY_WARNING],
    });
    expect(CLOSED_EVERY_DAY_WARNING).toContain('closed every day: nothing will be sent until a day is opened');
  });

  it('refuses a close time that is not after the open time, on the close field', () => {
    const result = parseWeeklySchedule({ monday: { closed: false, open: '17:00', close: '09:00' } });
    expect(result).toEqual({
      ok: false,
      errors: {
        'monday.close':
          'Monday closes at 09:00, which is not after it opens (17:00). Pick a close time after the open time.',
      },
    });
  });

  it('refuses an empty day and hints at 24:00 for a midnight close', () => {
    const result = parseWeeklySchedule({
      tuesday: { closed: false, open: '09:00', close: '09:00' },
      wednesday: { closed: false, open: '20:00', close: '00:00' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['tuesday.close']).toContain('not after it opens (09:00)');
    expect(result.errors['wednesday.close']).toContain('use 24:00');
  });

  it('names each bad field of an open day', () => {
    const result = parseWeeklySchedule({
      monday: { closed: false, open: '9am', close: '17:00' },
      tuesday: { closed: false, close: '17:00' },
      wednesday: { closed: false, open: '24:00', close: '24:00' },
      thursday: { closed: false, open: '09:00', close: 1700 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'monday.open',
      'thursday.close',
      'tuesday.open',
      'wednesday.open',
    ]);
    expect(result.errors['monday.open']).toBe(
      'Monday is open, so its open time "9am" is not a valid time. Use 24-hour HH:MM, 00:00 to 23:59, e.g. 09:00.',
    );
    expect(result.errors['tuesday.open']).toContain('is required');
    expect(result.errors['wednesday.open']).toContain('cannot open at 24:00');
    expect(result.errors['thursday.close']).toContain('got 1700');
  });

  it('refuses unknown day keys and fields, with a hint for capitalised days', () => {
    const result = parseWeeklySchedule({
      Monday: { closed: true },
      funday: { closed: true },
      friday: { closed: false, open: '09:00', close: '17:00', opens: '08:00' },
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        Monday: '"Monday" is not a day key: day keys are lowercase, use "monday".',
        funday:
          '"funday" is not a day of the week. Use monday, tuesday, wednesday, thursday, friday, saturday or sunday.',
        'friday.opens': 'Friday has an unknown field "opens". Use "closed", "open" and "close".',
      },
    });
  });

  it('needs an explicit closed flag on a day that is given', () => {
    const result = parseWeeklySchedule({ monday: { open: '09:00', close: '17:00' }, tuesday: null });
    expect(result).toEqual({
      ok: false,
      errors: {
        'monday.closed': 'Monday needs "closed": true or false.',
        tuesday: expect.stringContaining('Tuesday must be { "closed": true }'),
      },
    });
  });

  it.each([null, 'monday 9-5', [], 42])('refuses a non-object schedule %p', (input) => {
    const result = parseWeeklySchedule(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors['schedule']).toContain('must be an object keyed by weekday');
  });
});

describe('dayInterval', () => {
  it('gives minutes for an open day and null for a closed one', () => {
    expect(dayInterval({ closed: false, open: '09:30', close: '24:00' })).toEqual({ open: 570, close: 1440 });
    expect(dayInterval({ closed: true })).toBeNull();
  });

  it('throws on hours that never went through parseWeeklySchedule', () => {
    expect(() => dayInterval({ closed: false, open: '17:00', close: '09:00' })).toThrow(RangeError);
  });
});
