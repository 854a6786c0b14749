/**
 * A simulated clock for the sandboxes and the demo: time that starts at a chosen instant and runs
 * `rate` times faster than real time, the same in every process that is given the same settings.
 *
 *   SIMULATED_CLOCK_START   the instant the clock reads at the anchor, e.g. 2026-11-30T02:00:00Z
 *   SIMULATED_CLOCK_ANCHOR  the real instant at which it reads START (default: when the settings are read)
 *   SIMULATED_CLOCK_RATE    simulated milliseconds per real millisecond, 1 to 100000 (default 1)
 *
 * Nothing else changes: windows, schedules and the legal floor are checked against the simulated `now`.
 */
export interface SimulatedClock {
  /** Epoch ms the clock reads at `anchorMs`. */
  readonly startMs: number;
  /** Real epoch ms at which the clock reads `startMs`. */
  readonly anchorMs: number;
  readonly rate: number;
}

export type SimulatedClockSettings = { ok: true; clock: SimulatedClock | null } | { ok: false; error: string };

export const SIMULATED_CLOCK_VARIABLES = [
  'SIMULATED_CLOCK_START',
  'SIMULATED_CLOCK_ANCHOR',
  'SIMULATED_CLOCK_RATE',
] as const;

const MAX_RATE = 100_000;
/** An instant with an explicit offset: a bare local time would mean something else in each process. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads the settings; `realNowMs` is the default anchor. No START means real time (`clock: null`). */
export function readSimulatedClock(
  env: Readonly<Record<string, string | undefined>>,
  realNowMs: number,
): SimulatedClockSettings {
  const start = env['SIMULATED_CLOCK_START']?.trim() ?? '';
  const anchor = env['SIMULATED_CLOCK_ANCHOR']?.trim() ?? '';
  const rate = env['SIMULATED_CLOCK_RATE']?.trim() ?? '';
  if (start === '') {
    const stray = anchor !== '' ? 'SIMULATED_CLOCK_ANCHOR' : rate !== '' ? 'SIMULATED_CLOCK_RATE' : null;
    return stray
      ? { ok: false, error: `${stray} is set but SIMULATED_CLOCK_START is not: set both, or neither for real time` }
      : { ok: true, clock: null };
  }
  const startMs = instant(start);
  if (startMs === null) {
    return {
      ok: false,
      error: `SIMULATED_CLOCK_START "${start}" must be an ISO instant with its offset, e.g. 2026-11-30T02:00:00Z`,
    };
  }
  const anchorMs = anchor === '' ? realNowMs : instant(anchor);
  if (anchorMs === null) {
    return {
      ok: false,
      error: `SIMULATED_CLOCK_ANCHOR "${anchor}" must be an ISO instant with its offset, e.g. 2026-11-29T23:50:00.000Z`,
    };
  }
  const rateValue = rate === '' ? 1 : Number(rate);
  if (!Number.isFinite(rateValue) || rateValue < 1 || rateValue > MAX_RATE) {
    return { ok: false, error: `SIMULATED_CLOCK_RATE "${rate}" must be a number from 1 to ${MAX_RATE}` };
  }
  return { ok: true, clock: { startMs, anchorMs, rate: rateValue } };
}

/** What the simulated clock reads at a real instant. */
export function simulatedNowMs(clock: SimulatedClock, realNowMs: number): number {
  return clock.startMs + (realNowMs - clock.anchorMs) * clock.rate;
}

/** The real instant at which the simulated clock reads `simulatedMs` (the inverse of simulatedNowMs). */
export function realInstantMs(clock: SimulatedClock, simulatedMs: number): number {
  return clock.anchorMs + (simulatedMs - clock.startMs) / clock.rate;
}

/** How long to really wait for `simulatedMs` of simulated time to pass. */
export function realDelayMs(clock: SimulatedClock, simulatedMs: number): number {
  return simulatedMs / clock.rate;
}

/** The settings that give another process the same clock. */
export function simulatedClockEnvironment(
  clock: SimulatedClock,
): Record<(typeof SIMULATED_CLOCK_VARIABLES)[number], string> {
  return {
    SIMULATED_CLOCK_START: new Date(clock.startMs).toISOString(),
    SIMULATED_CLOCK_ANCHOR: new Date(clock.anchorMs).toISOString(),
    SIMULATED_CLOCK_RATE: String(clock.rate),
  };
}

function instant(text: string): number | null {
  if (!INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  // Date.parse rolls 30 February over into March: the calendar date must exist as written.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const exists = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  return Number.isFinite(ms) && exists ? ms : null;
}
