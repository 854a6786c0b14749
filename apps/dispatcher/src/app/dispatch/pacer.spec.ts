import fc from 'fast-check';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('never starts two sends under one key closer than its interval, nor before their slot', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            slot: fc.integer({ min: 0, max: 10_000 }),
            lag: fc.integer({ min: 0, max: 50 }),
            sender: fc.integer({ min: 1, max: 3 }),
          }),
          { maxLength: 200 },
        ),
        (sends) => {
          const pacer = new Pacer();
          const starts: { start: number; slot: number; sender: number }[] = [];
          let now = 0;
          for (const send of [...sends].sort((a, b) => a.slot - b.slot)) {
            now = Math.max(now, send.slot + send.lag);
            const limits: [string, number][] = [
              ['global', 2],
              [`sender:${send.sender}`, 1000],
            ];
            starts.push({ start: pacer.reserve(send.slot, limits, now), slot: send.slot, sender: send.sender });
          }
          for (const [i, a] of starts.entries()) {
            expect(a.start).toBeGreaterThanOrEqual(a.slot);
            for (const b of starts.slice(i + 1)) {
              expect(Math.abs(b.start - a.start)).toBeGreaterThanOrEqual(2);
              if (a.sender === b.sender) expect(Math.abs(b.start - a.start)).toBeGreaterThanOrEqual(1000);
            }
          }
        },
      ),
    );
  });

  it('lets requests that come late together leave no faster than the even spacing allows, within the tolerance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (lateness, interval) => {
          const pacer = new Pacer(5);
          const limits: [string, number][] = [['global', interval]];
          const left: number[] = [];
          // Requests become ready at their even spacing plus some lateness; each waits as the pacer says.
          const queue = lateness.map((late, i) => i * interval + late).sort((a, b) => a - b);
          for (const ready of queue) {
            let now = ready;
            for (let wait = pacer.hold(limits, now); wait > 0; wait = pacer.hold(limits, now)) now += wait;
            left.push(now);
          }
          // As many as 1 + (T + tolerance) / interval requests in any window of T, never more.
          for (const [i, first] of left.entries()) {
            for (const [j, later] of left.slice(i + 1).entries()) {
              expect(later - first).toBeGreaterThanOrEqual((j + 1) * interval - 5 - 1e-9);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
