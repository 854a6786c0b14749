import { formatClockTime, parseClockTime } from './clock-time';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** Monday first, so `WEEKDAYS[isoWeekday - 1]` maps ISO 8601 / luxon weekday numbers. */
export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export type DayHours = { closed: true } | { closed: false; open: string; close: string };

export type WeeklySchedule = Record<Weekday, DayHours>;

/** Open hours of one day in minutes since local midnight; close is exclusive and may be 1440. */
export type MinuteInterval = { open: number; close: number };

export type ScheduleParseResult =
  { ok: true; schedule: WeeklySchedule; warnings: string[] } | { ok: false; errors: Record<string, string> };

export const CLOSED_EVERY_DAY_WARNING = 'The schedule is closed every day: nothing will be sent until a day is opened.';

/** Every day Closed: the product's default, an admin opens the days they want. */
export function closedSchedule(): WeeklySchedule {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, { closed: true }])) as WeeklySchedule;
}

export function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

export function weekdayLabel(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

export function isClosedEveryDay(schedule: WeeklySchedule): boolean {
  return WEEKDAYS.every((day) => schedule[day].closed);
}

/**
 * The open interval of a day in minutes, or null when closed. Throws on malformed times: a
 * WeeklySchedule is only built by parseWeeklySchedule, so bad data here is a bug, not user input.
 */
export function dayInterval(hours: DayHours): MinuteInterval | null {
  if (hours.closed) return null;
  const open = parseClockTime(hours.open);
  const close = parseClockTime(hours.close, { allowEndOfDay: true });
  if (open === null || close === null || close <= open) {
    throw new RangeError(`Invalid day hours ${JSON.stringify(hours)}`);
  }
  return { open, close };
}

/**
 * Validates a schedule as sent by the API or assembled from the Slack modal. Error keys are field
 * paths ("monday.close") so the modal can show each message beside its own input.
 */
export function parseWeeklySchedule(input: unknown): ScheduleParseResult {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: {
        schedule:
          'The schedule must be an object keyed by weekday, e.g. ' +
          '{ "monday": { "closed": false, "open": "09:00", "close": "17:00" }, "tuesday": { "closed": true } }.',
      },
    };
  }

  const errors: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (!isWeekday(key)) errors[key] = unknownDayMessage(key);
  }

  const schedule = closedSchedule();
  for (const day of WEEKDAYS) {
    // A missing day is closed, like the modal's default.
    if (!(day in input) || input[day] === undefined) continue;
    const parsed = parseDayHours(day, input[day], errors);
    if (parsed) schedule[day] = parsed;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const warnings = isClosedEveryDay(schedule) ? [CLOSED_EVERY_DAY_WARNING] : [];
  return { ok: true, schedule, warnings };
}

function parseDayHours(day: Weekday, value: unknown, errors: Record<string, string>): DayHours | null {
  const label = weekdayLabel(day);
  if (!isPlainObject(value)) {
    errors[day] = `${label} must be { "closed": true } or { "closed": false, "open": "HH:MM", "close": "HH:MM" }.`;
    return null;
  }

  let valid = true;
  for (const key of Object.keys(value)) {
    if (key !== 'closed' && key !== 'open' && key !== 'close') {
      errors[`${day}.${key}`] = `${label} has an unknown field "${key}". Use "closed", "open" and "close".`;
      valid = false;
    }
  }
  if (typeof value['closed'] !== 'boolean') {
    errors[`${day}.closed`] = `${label} needs "closed": true or false.`;
    return null;
  }
  // A closed day ignores any times left over in the modal's pickers.
  if (value['closed']) return valid ? { closed: true } : null;

  const open = parseTimeField(value['open'], false);
  const close = parseTimeField(value['close'], true);
  if (typeof open === 'string') {
    errors[`${day}.open`] = `${label} is open, so its open time ${open}`;
    valid = false;
  }
  if (typeof close === 'string') {
    errors[`${day}.close`] = `${label} is open, so its close time ${close}`;
    valid = false;
  }
  if (typeof open === 'number' && typeof close === 'number' && close <= open) {
    const midnightHint = close === 0 ? ' For midnight at the end of the day, use 24:00.' : '';
    errors[`${day}.close`] =
      `${label} closes at ${formatClockTime(close)}, which is not after it opens (${formatClockTime(open)}). ` +
      `Pick a close time after the open time.${midnightHint}`;
    valid = false;
  }
  if (!valid || typeof open !== 'number' || typeof close !== 'number') return null;
  return { closed: false, open: formatClockTime(open), close: formatClockTime(close) };
}

/** Minutes, or the end of a sentence explaining what is wrong. */
function parseTimeField(value: unknown, isClose: boolean): number | string {
  const range = isClose ? '00:01 to 24:00' : '00:00 to 23:59';
  if (value === undefined || value === null || value === '') return `is required (HH:MM, ${range}).`;
  if (typeof value !== 'string') return `must be a text "HH:MM" (${range}), got ${JSON.stringify(value)}.`;
  const minutes = parseClockTime(value, { allowEndOfDay: isClose });
  if (minutes === null) {
    const why = !isClose && value === '24:00' ? ' A day cannot open at 24:00.' : '';
    return `"${value}" is not a valid time. Use 24-hour HH:MM, ${range}, e.g. 09:00.${why}`;
  }
  return minutes;
}

function unknownDayMessage(key: string): string {
  const lower = key.toLowerCase();
  if (isWeekday(lower)) return `"${key}" is not a day key: day keys are lowercase, use "${lower}".`;
  return `"${key}" is not a day of the week. Use monday, tuesday, wednesday, thursday, friday, saturday or sunday.`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
