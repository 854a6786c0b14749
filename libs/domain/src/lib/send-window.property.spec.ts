import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { formatClockTime } from './clock-time';
import { DEFAULT_LEGAL_WINDOW, LegalWindow } from './legal-window';
import { firstInstantAtOrAfterWallTime, hasAnySendWindow, nextSendInstant, sendWindowAt } from './send-window';
import { closedSchedule, DayHours, WeeklySchedule, WEEKDAYS } from './weekly-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);
const ZONES = Intl.supportedValuesOf('timeZone');

// ---- Oracle: written independently of send-window.ts, from the definition of a send window. ----

type Interval = [number, number]; // local minutes, close exclusive

/** Effective window per ISO weekday index (0 = Monday), or null. */
function oracleWindows(schedule: WeeklySchedule, legal: LegalWindow): (Interval | null)[] {
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  return WEEKDAYS.map((day) => {
    const hours = schedule[day];
    if (hours.closed) return null;
    const open = Math.max(minutes(hours.open), legal.open);
    const close = Math.min(minutes(hours.close), legal.close);
    return open < close ? [open, close] : null;
  });
}

/** Membership read through luxon's own local-time conversion. */
function insideByLuxon(instant: number, zone: string, windows: (Interval | null)[]): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  const window = windows[local.weekday - 1];
  const minuteOfDay = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / MINUTE;
  return window !== null && window[0] <= minuteOfDay && minuteOfDay < window[1];
}

/** Membership of a local wall time encoded as UTC ms. */
function insideLocal(localMs: number, windows: (Interval | null)[]): boolean {
  const window = windows[(new Date(localMs).getUTCDay() + 6) % 7];
  const minuteOfDay = (((localMs % DAY) + DAY) % DAY) / MINUTE;
  return window !== null && window[0] <= minuteOfDay && minuteOfDay < window[1];
}

/**
 * Calls `visit(instant, localMs)` for every UTC-minute boundary in [from, to). Offsets are read once an
 * hour and per minute only in hours where they change (all 2020–2030 offsets and transitions are whole
 * minutes, so window membership can only change on minute boundaries).
 */
function forEachMinute(
  zone: string,
  from: number,
  to: number,
  visit: (instant: number, localMs: number) => boolean,
): void {
  const iana = IANAZone.create(zone);
  const offset = (t: number) => Math.round(iana.offset(t) * MINUTE);
  let hour = Math.floor(from / HOUR) * HOUR;
  for (; hour < to; hour += HOUR) {
    const start = offset(hour);
    const steady = start === offset(hour + HOUR);
    for (let t = Math.max(hour, Math.ceil(from / MINUTE) * MINUTE); t < Math.min(hour + HOUR, to); t += MINUTE) {
      if (!visit(t, t + (steady ? start : offset(t)))) return;
    }
  }
}

// ---- Generators ----

const transitionCache = new Map<string, number[]>();

/** Offset changes of a zone in 2020–2030, found once per zone by weekly probes and bisection. */
function transitionsOf(zone: string): number[] {
  const cached = transitionCache.get(zone);
  if (cached) return cached;
  const iana = IANAZone.create(zone);
  const found: number[] = [];
  for (let t = FROM; t < TO; t += 7 * DAY) {
    if (iana.offset(t) === iana.offset(t + 7 * DAY)) continue;
    let low = t;
    let high = t + 7 * DAY;
    while (high - low > MINUTE) {
      const middle = Math.floor((low + high) / 2 / MINUTE) * MINUTE;
      if (iana.offset(middle) === iana.offset(low)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  transitionCache.set(zone, found);
  return found;
}

const anyInstant = fc.integer({ min: FROM, max: TO });

function instantNear(zone: string): fc.Arbitrary<number> {
  const transitions = transitionsOf(zone);
  if (transitions.length === 0) return anyInstant;
  // Any millisecond within ±36 h, or a whole quarter hour within ±4 h, where windows open and close.
  const delta = fc.oneof(
    fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
    fc.integer({ min: -16, max: 16 }).map((quarters) => quarters * 15 * MINUTE),
  );
  const near = fc.tuple(fc.constantFrom(...transitions), delta).map(([transition, shift]) => transition + shift);
  return fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: anyInstant, weight: 1 });
}

// Times cluster where DST changes happen (around midnight and 01:00–03:00) and on round values.
const clockMinute = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15),
  fc.integer({ min: 0, max: 240 }),
  fc.constantFrom(0, 30, 60, 120, 150, 180, 1380, 1440),
);

const interval = fc
  .tuple(clockMinute, clockMinute)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as Interval);

const dayHours: fc.Arbitrary<DayHours> = fc.oneof(
  { arbitrary: fc.constant({ closed: true } as DayHours), weight: 1 },
  {
    arbitrary: interval.map(([open, close]): DayHours => ({
      closed: false,
      open: formatClockTime(open),
      close: formatClockTime(close),
    })),
    weight: 2,
  },
);

const weeklySchedule: fc.Arbitrary<WeeklySchedule> = fc
  .tuple(...WEEKDAYS.map(() => dayHours))
  .map((days) => Object.fromEntries(WEEKDAYS.map((day, index) => [day, days[index]])) as WeeklySchedule);

// The default floor hides the small hours where DST changes happen, so a wider floor is more common.
const legalWindow: fc.Arbitrary<LegalWindow> = fc.oneof(
  { arbitrary: fc.constant(DEFAULT_LEGAL_WINDOW), weight: 1 },
  { arbitrary: fc.constant({ open: 0, close: 1440 }), weight: 2 },
  { arbitrary: interval.map(([open, close]) => ({ open, close })), weight: 1 },
);

const query = fc.constantFrom(...ZONES).chain((timeZone) =>
  fc.record({
    timeZone: fc.constant(timeZone),
    notBefore: instantNear(timeZone),
    schedule: weeklySchedule,
    legalWindow,
  }),
);

// ---- Properties ----

describe('nextSendInstant properties (every IANA zone, instants around DST changes)', () => {
  it('gives an instant inside the local window, at or after notBefore, with no earlier one', () => {
    fc.assert(
      fc.property(query, ({ timeZone, notBefore, schedule, legalWindow }) => {
        const windows = oracleWindows(schedule, legalWindow);
        const result = nextSendInstant({ schedule, timeZone, legalWindow, notBefore: new Date(notBefore) });
        if (!hasAnySendWindow(schedule, legalWindow)) return result === null;
        if (result === null) return false;

        const dueAt = result.getTime();
        // Property 1: inside the window in local time, and not before notBefore.
        if (dueAt < notBefore || !insideByLuxon(dueAt, timeZone, windows)) return false;

        // Property 2: nothing earlier qualifies: neither notBefore nor any minute boundary before the result.
        if (dueAt > notBefore && insideByLuxon(notBefore, timeZone, windows)) return false;
        let earlier: number | null = null;
        forEachMinute(timeZone, notBefore, dueAt, (instant, localMs) => {
          if (insideLocal(localMs, windows)) earlier = instant;
          return earlier === null;
        });
        return earlier === null;
      }),
      { numRuns: 400 },
    );
  });

  it('gives null for a schedule closed every day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), anyInstant, legalWindow, (timeZone, notBefore, legal) => {
        const result = nextSendInstant({
          schedule: closedSchedule(),
          timeZone,
          legalWindow: legal,
          notBefore: new Date(notBefore),
        });
        return result === null;
      }),
      { numRuns: 200 },
    );
  });
});

describe('sendWindowAt properties', () => {
  it('opens where nextSendInstant says, and every instant up to openUntil is inside the window', () => {
    fc.assert(
      fc.property(query, fc.double({ min: 0, max: 1, noNaN: true }), (q, fraction) => {
        const span = sendWindowAt({ ...q, notBefore: new Date(q.notBefore) });
        const next = nextSendInstant({ ...q, notBefore: new Date(q.notBefore) });
        if (span === null || next === null) return span === null && next === null;
        const [opens, until] = [span.opensAt.getTime(), span.openUntil.getTime()];
        if (opens !== next.getTime() || until <= opens) return false;
        const windows = oracleWindows(q.schedule, q.legalWindow);
        const within = opens + Math.floor(fraction * (until - opens - 1));
        if (!insideByLuxon(within, q.timeZone, windows) || !insideByLuxon(until - 1, q.timeZone, windows)) return false;
        // Every minute boundary of the span is inside too (membership only changes on minute boundaries).
        let outside = false;
        forEachMinute(q.timeZone, opens, until, (_instant, localMs) => {
          outside = !insideLocal(localMs, windows);
          return !outside;
        });
        return !outside;
      }),
      { numRuns: 300 },
    );
  });
});

describe('firstInstantAtOrAfterWallTime properties', () => {
  const wallTime = fc
    .constantFrom(...ZONES)
    .chain((timeZone) => fc.record({ timeZone: fc.constant(timeZone), approx: instantNear(timeZone) }))
    .map(({ timeZone, approx }) => {
      // A minute-aligned local wall time near the transition, as an admin would type it.
      const local = DateTime.fromMillis(approx, { zone: timeZone });
      return { timeZone, wallMs: Math.floor((approx + local.offset * MINUTE) / MINUTE) * MINUTE };
    });

  it('is the first instant at which the local clock reads that time or later', () => {
    fc.assert(
      fc.property(wallTime, ({ timeZone, wallMs }) => {
        const result = firstInstantAtOrAfterWallTime(wallMs, timeZone).getTime();
        const local = DateTime.fromMillis(result, { zone: timeZone });
        const resultLocal = result + local.offset * MINUTE;
        if (resultLocal < wallMs) return false;
        // Exactly the wall time unless it fell in a gap; and no earlier instant reads it or later.
        let earlier = false;
        let seen = false;
        forEachMinute(timeZone, wallMs - 16 * HOUR, result, (_instant, localMs) => {
          earlier = localMs >= wallMs;
          return !earlier;
        });
        forEachMinute(timeZone, wallMs - 16 * HOUR, wallMs + 16 * HOUR, (_instant, localMs) => {
          seen = localMs === wallMs;
          return !seen;
        });
        return !earlier && (!seen || resultLocal === wallMs);
      }),
      { numRuns: 200 },
    );
  });
});
