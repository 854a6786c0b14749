import { DateTime, IANAZone } from 'luxon';
import type { LegalWindow } from './legal-window';
import { dayInterval, MinuteInterval, WeeklySchedule, Weekday, WEEKDAYS } from './weekly-schedule';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// Offsets are probed this far apart. Two DST changes cancelling out inside 12 hours do not occur in
// the tz database, so equal offsets at both ends mean none happened in between.
const PROBE_STEP_MS = 12 * HOUR_MS;
// A weekly window recurs within 7 local days; 16 also covers a window lost to a DST gap or a skipped
// date (Pacific/Apia 2011-12-30) once, plus the offset of the zone.
const SEARCH_HORIZON_MS = 16 * DAY_MS;
// Every offset in the tz database lies within this of UTC (today's extremes are -12:00 and +14:00).
const MAX_OFFSET_MS = 16 * HOUR_MS;
// 1970-01-01, local day 0, was a Thursday (ISO weekday 4, index 3 in WEEKDAYS).
const EPOCH_WEEKDAY_INDEX = 3;

export type SendWindowQuery = {
  schedule: WeeklySchedule;
  /** The recipient's IANA zone. */
  timeZone: string;
  legalWindow: LegalWindow;
  notBefore: Date;
};

/** Per weekday, the local interval where both the schedule and the legal floor allow sending. */
export function dailySendWindows(
  schedule: WeeklySchedule,
  legalWindow: LegalWindow,
): Record<Weekday, MinuteInterval | null> {
  const entries = WEEKDAYS.map((day) => {
    const hours = dayInterval(schedule[day]);
    if (!hours) return [day, null] as const;
    const open = Math.max(hours.open, legalWindow.open);
    const close = Math.min(hours.close, legalWindow.close);
    return [day, open < close ? { open, close } : null] as const;
  });
  return Object.fromEntries(entries) as Record<Weekday, MinuteInterval | null>;
}

/** False when nothing can ever be sent: closed every day, or open only outside the legal floor. */
export function hasAnySendWindow(schedule: WeeklySchedule, legalWindow: LegalWindow): boolean {
  return Object.values(dailySendWindows(schedule, legalWindow)).some((window) => window !== null);
}

/**
 * The earliest instant ≥ notBefore whose wall time in `timeZone` lies inside the schedule ∩ legal floor
 * (close times exclusive). A window opening inside a DST gap opens at the first real instant after the
 * gap; a repeated fall-back hour counts as local time like any other. Null when there is no window on
 * any day.
 */
export function nextSendInstant(query: SendWindowQuery): Date | null {
  const found = findSendWindow(query);
  if (found === null) return null;
  // Independent check through luxon's own local-time conversion: never hand out an instant that is
  // outside the recipient's local hours, even if the arithmetic above has a bug.
  checkInside(found.at, found, query.timeZone);
  return new Date(found.at);
}

/** A stretch of a send window: every instant in [opensAt, openUntil) is inside it. */
export type SendWindowSpan = { opensAt: Date; openUntil: Date };

/**
 * The send window in effect at notBefore, or the next one: `opensAt` is nextSendInstant's answer, and every
 * instant from it until `openUntil` is inside the window too. `openUntil` is the window's close, or earlier
 * where the zone's offset may change (the window can go on after it: ask again from there). It lets a
 * caller with many instants in one zone — a forecast of thousands of sends — ask once per window instead of
 * once per instant. Null when there is no window on any day.
 */
export function sendWindowAt(query: SendWindowQuery): SendWindowSpan | null {
  const found = findSendWindow(query);
  if (found === null) return null;
  // Both ends are checked through luxon; in between the offset is constant, so local time runs evenly.
  checkInside(found.at, found, query.timeZone);
  checkInside(found.until - 1, found, query.timeZone);
  return { opensAt: new Date(found.at), openUntil: new Date(found.until) };
}

type FoundWindow = LocalMatch & { zone: IANAZone; windows: (MinuteInterval | null)[] };

function findSendWindow(query: SendWindowQuery): FoundWindow | null {
  const zone = ianaZone(query.timeZone);
  const windows = windowsByWeekdayIndex(query.schedule, query.legalWindow);
  if (windows.every((window) => window === null)) return null;

  const from = query.notBefore.getTime();
  if (Number.isNaN(from)) throw new RangeError('notBefore is an invalid Date');
  const found = earliestLocalMatch(zone, from, from + SEARCH_HORIZON_MS, (localDay) => {
    const window = windows[weekdayIndexOfLocalDay(localDay)];
    return window && { start: window.open * MINUTE_MS, end: window.close * MINUTE_MS };
  });
  return found && { ...found, zone, windows };
}

function checkInside(instant: number, found: FoundWindow, timeZone: string): void {
  if (!insideWindows(instant, found.zone, found.windows)) {
    throw new Error(
      `computed ${new Date(instant).toISOString()} as inside the send window in ${timeZone}, but it is not`,
    );
  }
}

export function isInsideSendWindow(
  instant: Date,
  schedule: WeeklySchedule,
  timeZone: string,
  legalWindow: LegalWindow,
): boolean {
  return insideWindows(instant.getTime(), ianaZone(timeZone), windowsByWeekdayIndex(schedule, legalWindow));
}

function insideWindows(instant: number, zone: IANAZone, windows: (MinuteInterval | null)[]): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  if (!local.isValid) return false;
  const window = windows[local.weekday - 1];
  if (!window) return false;
  const msOfDay = (local.hour * 60 + local.minute) * MINUTE_MS + local.second * SECOND_MS + local.millisecond;
  return window.open * MINUTE_MS <= msOfDay && msOfDay < window.close * MINUTE_MS;
}

/**
 * The first instant at which the clock in `timeZone` reads `wallTimeMs` or later, where wallTimeMs is
 * the wall time encoded as if it were UTC (Date.UTC(year, month - 1, day, hour, minute)). For a time in
 * a DST gap that is the end of the gap (02:30 on spring-forward day → 03:00); for a repeated time it
 * is the first occurrence.
 */
export function firstInstantAtOrAfterWallTime(wallTimeMs: number, timeZone: string): Date {
  const zone = ianaZone(timeZone);
  const wallDay = floorToDay(wallTimeMs);
  // Starting a day early cannot miss the first occurrence: no offset reaches a day.
  const found = earliestLocalMatch(zone, wallTimeMs - DAY_MS, wallTimeMs + 3 * DAY_MS, (localDay) => {
    if (localDay < wallDay) return null;
    return { start: localDay === wallDay ? wallTimeMs - wallDay : 0, end: DAY_MS };
  });
  if (found === null)
    throw new Error(`No instant found for wall time ${new Date(wallTimeMs).toISOString()} in ${timeZone}`);
  return new Date(found.at);
}

function ianaZone(timeZone: string): IANAZone {
  // create() is cached and checks validity once; IANAZone.isValidZone would build a formatter per call.
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown IANA time zone "${timeZone}"`);
  return zone;
}

function windowsByWeekdayIndex(schedule: WeeklySchedule, legalWindow: LegalWindow): (MinuteInterval | null)[] {
  const byDay = dailySendWindows(schedule, legalWindow);
  return WEEKDAYS.map((day) => byDay[day]);
}

/**
 * Wall-clock instants are handled as "local ms": the local date-time encoded as if it were UTC, so a
 * local day starts at a multiple of DAY_MS and the weekday follows from the day number.
 */
type LocalWindowOf = (localDayStart: number) => { start: number; end: number } | null;

type OffsetSegment = { start: number; end: number; offset: number };

/** The earliest matching instant, and the end of the matching stretch it starts (same offset throughout). */
type LocalMatch = { at: number; until: number };

/**
 * Earliest instant in [from, until) whose local time falls in the window the callback gives for its
 * local day (start inclusive, end exclusive, ms after local midnight). Works segment by segment of
 * constant UTC offset, where local time is just instant + offset, so gaps, repeated hours and skipped
 * dates need no special cases: each segment only ever contains local times that really happen.
 */
function earliestLocalMatch(zone: IANAZone, from: number, until: number, windowOf: LocalWindowOf): LocalMatch | null {
  for (const segment of offsetSegments(zone, from, until, windowOf)) {
    const hit = earliestInSegment(segment, windowOf);
    if (hit !== null) return hit;
  }
  return null;
}

function earliestInSegment({ start, end, offset }: OffsetSegment, windowOf: LocalWindowOf): LocalMatch | null {
  const localStart = start + offset;
  const localEnd = end + offset;
  for (let day = floorToDay(localStart); day < localEnd; day += DAY_MS) {
    const window = windowOf(day);
    if (!window) continue;
    const first = Math.max(localStart, day + window.start);
    const last = Math.min(localEnd, day + window.end);
    if (first < last) return { at: first - offset, until: last - offset };
  }
  return null;
}

/**
 * Splits [from, until) into spans of constant offset, lazily: most searches end in the first day.
 * Spans whose local days (whatever the offset) have no window are skipped without reading offsets,
 * which is where the time goes.
 */
function* offsetSegments(
  zone: IANAZone,
  from: number,
  until: number,
  windowOf: LocalWindowOf,
): Generator<OffsetSegment> {
  let start = from;
  let offset: number | null = null;
  while (start < until) {
    const probe = Math.min(start + PROBE_STEP_MS, until);
    if (!anyWindowNear(start, probe, windowOf)) {
      start = probe;
      offset = null;
      continue;
    }
    offset ??= offsetMs(zone, start);
    const probeOffset = offsetMs(zone, probe);
    if (probeOffset === offset) {
      yield { start, end: probe, offset };
      start = probe;
    } else {
      const change = firstChangeAfter(zone, start, probe, offset);
      yield { start, end: change, offset };
      start = change;
      offset = offsetMs(zone, change);
    }
  }
}

/** Whether any local day that instants in [from, to) can fall on, under any offset, has a window. */
function anyWindowNear(from: number, to: number, windowOf: LocalWindowOf): boolean {
  for (let day = floorToDay(from - MAX_OFFSET_MS); day < to + MAX_OFFSET_MS; day += DAY_MS) {
    if (windowOf(day)) return true;
  }
  return false;
}

/**
 * The instant the offset changes, between `before` (offset `offsetBefore`) and `after` (another
 * offset). The tz database changes offsets on whole seconds, and luxon reads offsets per second, so
 * a binary search over seconds finds the exact instant.
 */
function firstChangeAfter(zone: IANAZone, before: number, after: number, offsetBefore: number): number {
  let low = Math.floor(before / SECOND_MS); // offset here is offsetBefore
  let high = Math.floor(after / SECOND_MS); // offset here differs
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMs(zone, middle * SECOND_MS) === offsetBefore) low = middle;
    else high = middle;
  }
  return high * SECOND_MS;
}

function offsetMs(zone: IANAZone, instant: number): number {
  // Rounded because historical offsets with seconds come back as fractional minutes.
  return Math.round(zone.offset(instant) * MINUTE_MS);
}

function floorToDay(localMs: number): number {
  return Math.floor(localMs / DAY_MS) * DAY_MS;
}

function weekdayIndexOfLocalDay(localDayStart: number): number {
  const dayNumber = Math.round(localDayStart / DAY_MS);
  return (((dayNumber + EPOCH_WEEKDAY_INDEX) % 7) + 7) % 7;
}
