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
});
