import fc from 'fast-check';
import {
  readSimulatedClock,
  realDelayMs,
  realInstantMs,
  simulatedClockEnvironment,
  simulatedNowMs,
} from './simulated-clock';

const REAL_NOW = Date.parse('2026-11-29T23:50:00.000Z');

describe('readSimulatedClock', () => {
  it('is real time when nothing is set', () => {
    expect(readSimulatedClock({}, REAL_NOW)).toEqual({ ok: true, clock: null });
  });

  it('starts at START at the anchor and runs RATE times faster', () => {
    const settings = readSimulatedClock(
      {
        SIMULATED_CLOCK_START: '2026-11-30T02:00:00Z',
        SIMULATED_CLOCK_ANCHOR: '2026-11-29T23:50:00.000Z',
        SIMULATED_CLOCK_RATE: '720',
      },
      0,
    );
    expect(settings).toEqual({
      ok: true,
      clock: { startMs: Date.parse('2026-11-30T02:00:00Z'), anchorMs: REAL_NOW, rate: 720 },
    });
    if (!settings.ok || !settings.clock) throw new Error('unreachable');
    // Ten real seconds later, two simulated hours have passed.
    expect(new Date(simulatedNowMs(settings.clock, REAL_NOW + 10_000)).toISOString()).toBe('2026-11-30T04:00:00.000Z');
    expect(realDelayMs(settings.clock, 3_600_000)).toBe(5000);
  });

  it('anchors at the moment of reading when no anchor is given, at rate 1', () => {
    expect(readSimulatedClock({ SIMULATED_CLOCK_START: '2026-12-07T08:59:00+01:00' }, REAL_NOW)).toEqual({
      ok: true,
      clock: { startMs: Date.parse('2026-12-07T07:59:00Z'), anchorMs: REAL_NOW, rate: 1 },
    });
  });

  it.each([
    [{ SIMULATED_CLOCK_START: '2026-11-30 02:00' }, 'SIMULATED_CLOCK_START "2026-11-30 02:00" must be an ISO instant'],
    [{ SIMULATED_CLOCK_START: '2026-11-30T02:00' }, 'SIMULATED_CLOCK_START "2026-11-30T02:00" must be an ISO instant'],
    [{ SIMULATED_CLOCK_START: '2026-02-30T02:00Z' }, 'SIMULATED_CLOCK_START "2026-02-30T02:00Z"'],
    [
      { SIMULATED_CLOCK_START: '2026-11-30T02:00Z', SIMULATED_CLOCK_ANCHOR: 'now' },
      'SIMULATED_CLOCK_ANCHOR "now" must be an ISO instant',
    ],
    [{ SIMULATED_CLOCK_START: '2026-11-30T02:00Z', SIMULATED_CLOCK_RATE: '0.5' }, 'SIMULATED_CLOCK_RATE "0.5"'],
    [{ SIMULATED_CLOCK_START: '2026-11-30T02:00Z', SIMULATED_CLOCK_RATE: 'fast' }, 'SIMULATED_CLOCK_RATE "fast"'],
    [{ SIMULATED_CLOCK_RATE: '600' }, 'SIMULATED_CLOCK_RATE is set but SIMULATED_CLOCK_START is not'],
  ])('refuses %j, naming the variable', (env, message) => {
    const settings = readSimulatedClock(env, REAL_NOW);
    expect(settings.ok).toBe(false);
    expect(!settings.ok && settings.error).toContain(message);
  });

  it('gives another process the same clock through its environment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }),
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        (startMs, anchorMs, rate, elapsed) => {
          const clock = { startMs, anchorMs, rate };
          const copy = readSimulatedClock(simulatedClockEnvironment(clock), 0);
          expect(copy).toEqual({ ok: true, clock });
          const simulated = simulatedNowMs(clock, anchorMs + elapsed);
          expect(simulated).toBe(startMs + elapsed * rate);
          expect(realInstantMs(clock, simulated)).toBeCloseTo(anchorMs + elapsed, 3);
        },
      ),
    );
  });
});
