import fc from 'fast-check';
import { getAllTimezones } from 'countries-and-timezones';
import { DateTime } from 'luxon';
import { isValidTimeZone, resolveTimeZone } from './time-zone';

function zoneOf(input: string): string | undefined {
  const result = resolveTimeZone(input);
  return result.ok ? result.zone : undefined;
}

function messageOf(input: string): string {
  const result = resolveTimeZone(input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${result.zone}`);
  expect(result.reason).toBe('Invalid Timezone');
  return result.message;
}

describe('resolveTimeZone', () => {
  it.each([
    'America/New_York',
    'America/Los_Angeles',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Australia/Sydney',
    'Europe/Kyiv',
  ])('accepts the IANA name %s as is', (zone) => expect(resolveTimeZone(zone)).toEqual({ ok: true, zone }));

  it.each([
    ['US/Eastern', 'America/New_York'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['America/Godthab', 'America/Nuuk'],
    ['Canada/Eastern', 'America/Toronto'],
    ['Iceland', 'Atlantic/Reykjavik'],
  ])('canonicalises the link %s to today’s name %s (not ICU’s legacy ID)', (link, zone) => {
    expect(zoneOf(link)).toBe(zone);
  });

  it.each(['Europe/Amsterdam', 'Europe/Oslo', 'Europe/Stockholm', 'Atlantic/Reykjavik'])(
    'keeps %s, a country’s own zone that tzdb merged into a neighbour, as typed',
    (zone) => expect(zoneOf(zone)).toBe(zone),
  );

  it('trims and matches letter case and spaces friendly', () => {
    expect(zoneOf('  america/new_york ')).toBe('America/New_York');
    expect(zoneOf('AMERICA/LOS_ANGELES')).toBe('America/Los_Angeles');
    expect(zoneOf('America/New York')).toBe('America/New_York');
    expect(zoneOf('us/eastern')).toBe('America/New_York');
  });

  it('accepts UTC', () => {
    expect(zoneOf('UTC')).toBe('Etc/UTC');
    expect(zoneOf('Etc/UTC')).toBe('Etc/UTC');
    expect(zoneOf('utc')).toBe('Etc/UTC');
  });

  it.each([
    ['EST', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['est', 'America/New_York'],
    ['Eastern', 'America/New_York'],
    ['Eastern Standard Time', 'America/New_York'],
    ['EST5EDT', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['PST8PDT', 'America/Los_Angeles'],
    ['CET', 'Europe/Paris'],
    ['MST', 'America/Denver'],
    ['GMT', 'Europe/London'],
    ['IST', 'Asia/Kolkata'],
    ['AEST', 'Australia/Sydney'],
  ])('refuses the abbreviation %s and suggests %s', (input, suggestion) => {
    const message = messageOf(input);
    expect(message).toContain(suggestion);
    expect(message).toMatch(/abbreviation|POSIX/);
  });

  it('explains why EST is refused: no daylight saving', () => {
    expect(messageOf('EST')).toMatch(/daylight saving/);
  });

  it.each(['UTC+2', 'GMT-05:00', '+05:30', 'UTC + 1'])('refuses the fixed offset %s', (input) => {
    expect(messageOf(input)).toMatch(/fixed offset/);
  });

  it('refuses Etc/GMT+5 and explains its inverted sign', () => {
    expect(messageOf('Etc/GMT+5')).toContain('UTC−5');
  });

  it('refuses unknown names and suggests a zone for a bare city', () => {
    expect(messageOf('New York')).toContain('America/New_York');
    expect(messageOf('Calcutta')).toContain('Asia/Kolkata');
    expect(messageOf('Mars/Olympus_Mons')).toMatch(/not a time zone name/);
    expect(messageOf('   ')).toMatch(/missing/);
    expect(messageOf('Factory')).toBeDefined();
  });

  it('every accepted zone is usable by luxon and resolves to itself', () => {
    const names = Object.keys(getAllTimezones({ deprecated: true }));
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.boolean(), (name, lower) => {
        const result = resolveTimeZone(lower ? name.toLowerCase() : name);
        if (!result.ok) return;
        expect(DateTime.fromISO('2025-07-01T12:00:00Z').setZone(result.zone).isValid).toBe(true);
        expect(resolveTimeZone(result.zone)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('isValidTimeZone mirrors resolveTimeZone', () => {
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true);
    expect(isValidTimeZone('EST')).toBe(false);
  });
});
