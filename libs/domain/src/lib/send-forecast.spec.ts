import fc from 'fast-check';
import { forecastSends, type ForecastRecipient, type SendLimits } from './send-forecast';

const T0 = Date.parse('2026-03-02T15:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const seconds = (d: Date | null) => (d === null ? null : (d.getTime() - T0) / 1000);
const cap40 = { messagesPerSecond: 1, campaignCap: { count: 40, perSeconds: 300 } };

describe('forecastSends', () => {
  it('1 message per second: three due at once go at t, t+1s, t+2s', () => {
    const result = forecastSends([at(0), at(0), at(0)]);
    expect(result.sendTimes.map(seconds)).toEqual([0, 1, 2]);
    expect(seconds(result.firstSendAt)).toBe(0);
    expect(seconds(result.lastSendAt)).toBe(2);
    expect(result.notReachableBeforeEnd).toBe(0);
  });

  it('never sends before the due time and keeps input order in the output', () => {
    const result = forecastSends([at(10), at(0), at(0.5)]);
    expect(result.sendTimes.map(seconds)).toEqual([10, 0, 1]);
  });

  it('40 per 5 minutes, 100 due at once: 41st at +300 s, 81st at +600 s, last at +619 s', () => {
    const times = forecastSends(
      Array.from({ length: 100 }, () => at(0)),
      cap40,
    ).sendTimes.map(seconds);
    expect(times.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(times[40]).toBe(300);
    expect(times[79]).toBe(339);
    expect(times[80]).toBe(600);
    expect(times[99]).toBe(619);
  });

  it('with no per-number limit the cap releases 40 every 5 minutes: last at +600 s', () => {
    const result = forecastSends(
      Array.from({ length: 100 }, () => at(0)),
      {
        messagesPerSecond: Infinity,
        campaignCap: { count: 40, perSeconds: 300 },
      },
    );
    const times = result.sendTimes.map(seconds);
    expect(new Set(times.slice(0, 40))).toEqual(new Set([0]));
    expect(new Set(times.slice(40, 80))).toEqual(new Set([300]));
    expect(seconds(result.lastSendAt)).toBe(600);
  });

  it('the cap is a sliding window, not aligned buckets', () => {
    // 40 sends spread over 100..139 s, then more due at 300 s: they must wait until 400 s.
    const recipients = [...Array.from({ length: 40 }, () => at(100)), at(300), at(300)];
    const times = forecastSends(recipients, cap40).sendTimes.map(seconds);
    expect(times.slice(40)).toEqual([400, 401]);
  });

  it('counts recipients whose send would fall at or after their end, without using their slot', () => {
    const end = at(3);
    const recipients: ForecastRecipient[] = [
      ...Array.from({ length: 5 }, () => ({ dueAt: at(0), endAt: end })),
      { id: 'no-end', dueAt: at(0), endAt: null },
    ];
    const result = forecastSends(recipients);
    expect(result.sendTimes.map(seconds)).toEqual([0, 1, 2, null, null, 3]);
    expect(result.notReachableBeforeEnd).toBe(2);
    expect(seconds(result.lastSendAt)).toBe(3);
  });

  it('a second list on the same number queues after the first', () => {
    const first = forecastSends(
      Array.from({ length: 100 }, () => at(0)),
      cap40,
    );
    const second = forecastSends(
      Array.from({ length: 10 }, () => at(0)),
      cap40,
      {
        alreadyScheduled: first.sendTimes.filter((d): d is Date => d !== null),
      },
    );
    const together = forecastSends(
      Array.from({ length: 110 }, () => at(0)),
      cap40,
    );
    expect(second.sendTimes).toEqual(together.sendTimes.slice(100));
    expect(seconds(second.firstSendAt)).toBe(620);
  });

  it('other campaigns on the number count for the rate but not the cap', () => {
    const other = Array.from({ length: 50 }, (_, i) => at(i));
    const result = forecastSends([at(0), at(0)], cap40, { alreadyScheduledOnNumber: other });
    expect(result.sendTimes.map(seconds)).toEqual([50, 51]);
  });

  it('moves a slot that falls outside the recipient window to the next opening', () => {
    // Window: open during the first 10 s of every 20 s.
    const windowOf = (_: number, instant: Date) => {
      const s = (instant.getTime() - T0) / 1000;
      return s % 20 < 10 ? instant : at(Math.ceil(s / 20) * 20);
    };
    const result = forecastSends(
      Array.from({ length: 15 }, () => at(0)),
      {},
      { windowOf },
    );
    expect(result.sendTimes.map(seconds)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24]);
  });

  it('a recipient whose window is closed does not hold up others', () => {
    const windowOf = (i: number, instant: Date) => (i === 0 && instant < at(60) ? at(60) : instant);
    const result = forecastSends([at(0), at(0), at(0)], {}, { windowOf });
    expect(result.sendTimes.map(seconds)).toEqual([60, 0, 1]);
  });

  it('a window that never opens, or opens after the end, is not reachable', () => {
    const result = forecastSends(
      [{ dueAt: at(0) }, { dueAt: at(0), endAt: at(30) }, { dueAt: at(0) }],
      {},
      { windowOf: (i, instant) => (i === 0 ? null : i === 1 ? at(30) : instant) },
    );
    expect(result.sendTimes.map(seconds)).toEqual([null, null, 0]);
    expect(result.notReachableBeforeEnd).toBe(2);
  });

  it('empty input', () => {
    expect(forecastSends([])).toEqual({ sendTimes: [], firstSendAt: null, lastSendAt: null, notReachableBeforeEnd: 0 });
  });

  it('refuses nonsense limits and invalid dates', () => {
    expect(() => forecastSends([at(0)], { messagesPerSecond: 0 })).toThrow(RangeError);
    expect(() => forecastSends([at(0)], { campaignCap: { count: 0, perSeconds: 300 } })).toThrow(RangeError);
    expect(() => forecastSends([new Date(Number.NaN)])).toThrow(RangeError);
  });

  it('handles 100,000 recipients (many lists) in one pass', () => {
    const n = 100_000;
    const result = forecastSends(
      Array.from({ length: n }, () => at(0)),
      cap40,
    );
    // Recipient k goes at 300 s × floor(k / 40) + k mod 40.
    expect(seconds(result.sendTimes[n - 1])).toBe(300 * Math.floor((n - 1) / 40) + ((n - 1) % 40));
    const spread = forecastSends(
      Array.from({ length: n }, (_, i) => ({ dueAt: at((i * 7919) % 86_400), endAt: at(86_400) })),
      cap40,
      { alreadyScheduled: Array.from({ length: 20_000 }, (_, i) => at(i * 3)) },
    );
    expect(spread.sendTimes.filter((d) => d !== null).length + spread.notReachableBeforeEnd).toBe(n);
  });
});

// ---- Property tests against a brute-force oracle -------------------------------------------

interface Scenario {
  due: number[];
  end: (number | null)[];
  limits: SendLimits;
  fixedCampaign: number[];
  fixedNumber: number[];
}

/** Earliest feasible instant per recipient in due order, by trying every candidate instant. */
function oracle(s: Scenario): (number | null)[] {
  const rate = s.limits.messagesPerSecond ?? 1;
  const gap = rate === Infinity ? 0 : Math.ceil(1000 / rate);
  const cap = s.limits.campaignCap ?? null;
  const W = cap ? Math.ceil(cap.perSeconds * 1000) : 0;
  const campaign = [...s.fixedCampaign];
  const rateSends = [...s.fixedCampaign, ...s.fixedNumber];
  const feasible = (t: number) => {
    if (gap > 0 && rateSends.some((r) => Math.abs(t - r) < gap)) return false;
    if (cap) {
      const sorted = [...campaign].sort((x, y) => x - y);
      for (let j = 0; j + cap.count <= sorted.length; j++) {
        const span = Math.max(sorted[j + cap.count - 1], t) - Math.min(sorted[j], t);
        if (span < W) return false;
      }
    }
    return true;
  };
  const order = s.due.map((_, i) => i).sort((x, y) => s.due[x] - s.due[y] || x - y);
  const out: (number | null)[] = s.due.map(() => null);
  for (const i of order) {
    const all = [...rateSends, ...campaign];
    const candidates = [s.due[i], ...all, ...all.map((x) => x + gap), ...all.map((x) => x + W)]
      .filter((t) => t >= s.due[i])
      .sort((x, y) => x - y);
    const t = candidates.find(feasible) ?? Infinity;
    const end = s.end[i];
    if (end !== null && end !== undefined && t >= end) continue;
    out[i] = t;
    campaign.push(t);
    rateSends.push(t);
  }
  return out;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    due: fc.array(
      fc.integer({ min: 0, max: 20 }).map((x) => x * 500),
      { maxLength: 14 },
    ),
    endSeed: fc.array(
      fc.option(
        fc.integer({ min: 0, max: 40 }).map((x) => x * 500),
        { nil: null },
      ),
      {
        minLength: 14,
        maxLength: 14,
      },
    ),
    rate: fc.constantFrom(1, 2, 3, 0.5, Infinity),
    cap: fc.option(fc.record({ count: fc.integer({ min: 1, max: 5 }), perSeconds: fc.constantFrom(1, 2.5, 5, 10) }), {
      nil: null,
    }),
    fixedCampaign: fc.array(
      fc.integer({ min: 0, max: 40 }).map((x) => x * 250),
      { maxLength: 8 },
    ),
    fixedNumber: fc.array(
      fc.integer({ min: 0, max: 40 }).map((x) => x * 250),
      { maxLength: 4 },
    ),
  })
  .map(({ due, endSeed, rate, cap, fixedCampaign, fixedNumber }) => ({
    due,
    end: due.map((_, i) => endSeed[i] ?? null),
    limits: { messagesPerSecond: rate, campaignCap: cap },
    fixedCampaign,
    fixedNumber,
  }));

function run(s: Scenario) {
  return forecastSends(
    s.due.map((d, i) => ({
      dueAt: new Date(T0 + d),
      endAt: s.end[i] === null ? null : new Date(T0 + (s.end[i] ?? 0)),
    })),
    s.limits,
    {
      alreadyScheduled: s.fixedCampaign.map((d) => new Date(T0 + d)),
      alreadyScheduledOnNumber: s.fixedNumber.map((d) => new Date(T0 + d)),
    },
  );
}

describe('forecastSends properties', () => {
  it('matches the brute-force earliest-slot oracle', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const got = run(s).sendTimes.map((d) => (d === null ? null : d.getTime() - T0));
        expect(got).toEqual(oracle(s));
      }),
      { numRuns: 300 },
    );
  });

  it('never sends before the due time nor breaks a limit in any sliding window', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        const sent = result.sendTimes.flatMap((d, i) => (d === null ? [] : [{ t: d.getTime() - T0, i }]));
        expect(sent.length + result.notReachableBeforeEnd).toBe(s.due.length);
        for (const { t, i } of sent) {
          expect(t).toBeGreaterThanOrEqual(s.due[i]);
          const end = s.end[i];
          if (end !== null && end !== undefined) expect(t).toBeLessThan(end);
        }
        const rate = s.limits.messagesPerSecond ?? 1;
        // Per number: every new send is at least 1000 / rate ms from any other send on the number.
        const perNumber = [...sent.map((x) => x.t), ...s.fixedCampaign, ...s.fixedNumber];
        if (rate !== Infinity) {
          sent.forEach(({ t }, k) => {
            perNumber.forEach((u, j) => {
              if (j !== k) expect(Math.abs(t - u)).toBeGreaterThanOrEqual(1000 / rate);
            });
          });
        }
        const cap = s.limits.campaignCap;
        if (cap) {
          const W = cap.perSeconds * 1000;
          const campaign = [...sent.map((x) => x.t), ...s.fixedCampaign];
          for (const { t } of sent) {
            for (const start of campaign) {
              if (start > t || start + W <= t) continue;
              const inWindow = campaign.filter((u) => u >= start && u < start + W).length;
              expect(inWindow).toBeLessThanOrEqual(cap.count);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with send windows, every send falls inside its recipient window and after its due time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ due: fc.integer({ min: 0, max: 60 }), phase: fc.integer({ min: 0, max: 19 }) }), {
          maxLength: 30,
        }),
        (rows) => {
          // Recipient i may be texted during 8 s of every 20 s, shifted by its own phase.
          const open = (i: number, s: number) => (s - rows[i].phase + 20) % 20 < 8;
          const windowOf = (i: number, instant: Date) => {
            let s = (instant.getTime() - T0) / 1000;
            while (!open(i, Math.floor(s))) s = Math.floor(s) + 1;
            return at(s);
          };
          const result = forecastSends(
            rows.map((r) => at(r.due)),
            { messagesPerSecond: 1, campaignCap: { count: 3, perSeconds: 5 } },
            { windowOf },
          );
          const sent = result.sendTimes.map(seconds);
          sent.forEach((t, i) => {
            expect(t).not.toBeNull();
            expect(t ?? -1).toBeGreaterThanOrEqual(rows[i].due);
            expect(open(i, t ?? -1)).toBe(true);
          });
          const sorted = (sent as number[]).slice().sort((x, y) => x - y);
          for (let k = 1; k < sorted.length; k++) expect(sorted[k] - sorted[k - 1]).toBeGreaterThanOrEqual(1);
          for (let k = 3; k < sorted.length; k++) expect(sorted[k] - sorted[k - 3]).toBeGreaterThanOrEqual(5);
        },
      ),
    );
  });
});
