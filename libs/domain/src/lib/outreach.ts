import { DateTime, IANAZone } from 'luxon';
import type { LegalWindow } from './legal-window';
import { firstInstantAtOrAfterWallTime, hasAnySendWindow, nextSendInstant } from './send-window';
import type { WeeklySchedule } from './weekly-schedule';

/**
 * A local date and time with no zone ("2026-12-01T09:00"). Outreach start and end are wall clocks
 * applied in each recipient's own zone: a 9 AM start reaches Los Angeles at 9 AM Los Angeles time.
 */
export type WallClock = {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
};

export type OutreachField = 'outreachStartAt' | 'outreachEndAt';

export type OutreachValidation =
  { ok: true; start: WallClock; end: WallClock | null } | { ok: false; errors: Partial<Record<OutreachField, string>> };

export type RecipientDueTime =
  | { kind: 'due'; dueAt: Date }
  | { kind: 'not_reachable'; code: 'no_send_window' | 'outreach_ended' | 'no_window_before_end'; reason: string };

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const WALL_CLOCK_FORMAT = 'YYYY-MM-DDTHH:mm (24-hour), e.g. 2026-12-01T09:00';

/** Strict "YYYY-MM-DDTHH:mm" on a real calendar date; null otherwise (no seconds, no offset). */
export function parseWallClock(text: string): WallClock | null {
  const match = WALL_CLOCK.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (hour > 23 || minute > 59) return null;
  // Dates roll 2026-02-30 over to March 2: the round trip only survives on real calendar dates.
  const probe = new Date(wallClockMs({ year, month, day, hour, minute }));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute };
}

export function formatWallClock(wallClock: WallClock): string {
  const { year, month, day, hour, minute } = wallClock;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}`;
}

/** The instant this wall clock denotes in `timeZone`: the end of a DST gap, or the first of two repeats. */
export function wallClockInZone(wallClock: WallClock, timeZone: string): Date {
  return firstInstantAtOrAfterWallTime(wallClockMs(wallClock), timeZone);
}

/**
 * Checks an outreach start/end as entered by an admin. A start earlier today is accepted (it means
 * "as soon as the window allows"); a start date before today in the organisation's zone is refused,
 * since it is almost certainly a typo.
 */
export function validateOutreach(input: {
  start: string;
  end?: string | null;
  now: Date;
  orgTimeZone: string;
}): OutreachValidation {
  const errors: Partial<Record<OutreachField, string>> = {};
  const start = parseField(input.start, 'Outreach start', errors, 'outreachStartAt');
  const end =
    input.end === undefined || input.end === null || input.end.trim() === ''
      ? null
      : parseField(input.end, 'Outreach end', errors, 'outreachEndAt');

  if (start) {
    const today = todayIn(input.now, input.orgTimeZone);
    const startDate = formatWallClock(start).slice(0, 10);
    if (startDate < today) {
      errors.outreachStartAt =
        `Outreach start ${startDate} is in the past (today is ${today} in ${input.orgTimeZone}). ` +
        'Pick today or a later date.';
    }
  }
  if (start && end && wallClockMs(end) <= wallClockMs(start)) {
    errors.outreachEndAt =
      `Outreach end ${formatWallClock(end)} is not after the start (${formatWallClock(start)}). ` +
      'Pick an end after the start, or leave it empty.';
  }

  if (errors.outreachStartAt || errors.outreachEndAt || !start) return { ok: false, errors };
  return { ok: true, start, end };
}

/**
 * When a recipient should be texted: the first send window in their zone from the later of the
 * outreach start (in their zone) and now. With an end, a window at or after the end does not count.
 */
export function recipientDueTime(input: {
  schedule: WeeklySchedule;
  timeZone: string;
  legalWindow: LegalWindow;
  start: WallClock;
  end: WallClock | null;
  now: Date;
}): RecipientDueTime {
  const { schedule, timeZone, legalWindow, start, end, now } = input;
  if (!hasAnySendWindow(schedule, legalWindow)) {
    return {
      kind: 'not_reachable',
      code: 'no_send_window',
      reason: 'The schedule has no open hours inside the legal sending window on any day.',
    };
  }

  const startAt = wallClockInZone(start, timeZone);
  const endAt = end ? wallClockInZone(end, timeZone) : null;
  if (end && endAt && endAt.getTime() <= now.getTime()) {
    return {
      kind: 'not_reachable',
      code: 'outreach_ended',
      reason: `The outreach ended at ${formatWallClock(end)} ${timeZone} time, before this recipient could be texted.`,
    };
  }

  const notBefore = new Date(Math.max(startAt.getTime(), now.getTime()));
  const dueAt = nextSendInstant({ schedule, timeZone, legalWindow, notBefore });
  if (end && (dueAt === null || (endAt && dueAt.getTime() >= endAt.getTime()))) {
    return {
      kind: 'not_reachable',
      code: 'no_window_before_end',
      reason: `No send window in ${timeZone} between the outreach start and its end (${formatWallClock(end)} local time).`,
    };
  }
  if (dueAt === null) {
    // Only when every window is lost to DST gaps or skipped dates for weeks: practically unreachable.
    return {
      kind: 'not_reachable',
      code: 'no_send_window',
      reason: `No send window found in ${timeZone} in the two weeks after the outreach start.`,
    };
  }
  return { kind: 'due', dueAt };
}

function parseField(
  text: string,
  label: string,
  errors: Partial<Record<OutreachField, string>>,
  field: OutreachField,
): WallClock | null {
  if (text.trim() === '') {
    errors[field] = `${label} is required. Use ${WALL_CLOCK_FORMAT}.`;
    return null;
  }
  const parsed = parseWallClock(text);
  if (parsed) return parsed;
  errors[field] = WALL_CLOCK.test(text)
    ? `${label} "${text}" is not a real date and time. Use ${WALL_CLOCK_FORMAT}.`
    : `${label} "${text}" is not in the expected format ${WALL_CLOCK_FORMAT}.`;
  return null;
}

function todayIn(now: Date, timeZone: string): string {
  if (!IANAZone.create(timeZone).isValid) throw new RangeError(`Unknown IANA time zone "${timeZone}"`);
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? '';
}

function wallClockMs({ year, month, day, hour, minute }: WallClock): number {
  // Not Date.UTC(year, …): it maps years 0..99 to 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + (hour * 60 + minute) * 60_000;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
