import { END_OF_DAY_MINUTES, formatClockTime, parseClockTime } from './clock-time';

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['17:30', 1050],
    ['23:59', 1439],
  ])('reads %s as %i minutes after midnight', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });

  it.each(['9:00', '09:0', '24:01', '25:00', '12:60', '09:00:00', '9am', ' 09:00', '', '０９:００'])(
    'refuses %j',
    (text) => {
      expect(parseClockTime(text)).toBeNull();
    },
  );

  it('accepts 24:00 only where an end of day is meant', () => {
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('24:00', { allowEndOfDay: true })).toBe(END_OF_DAY_MINUTES);
    expect(parseClockTime('24:30', { allowEndOfDay: true })).toBeNull();
  });
});

describe('formatClockTime', () => {
  it('pads hours and minutes', () => {
    expect(formatClockTime(0)).toBe('00:00');
    expect(formatClockTime(545)).toBe('09:05');
    expect(formatClockTime(1439)).toBe('23:59');
  });

  it('writes the end of day as 24:00', () => {
    expect(formatClockTime(1440)).toBe('24:00');
  });

  it('round-trips every minute of the day', () => {
    for (let minutes = 0; minutes <= 1440; minutes++) {
      expect(parseClockTime(formatClockTime(minutes), { allowEndOfDay: true })).toBe(minutes);
    }
  });

  it.each([-1, 1441, 1.5, Number.NaN])('refuses %p', (minutes) => {
    expect(() => formatClockTime(minutes)).toThrow(RangeError);
  });
});
