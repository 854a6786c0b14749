import path from 'node:path';
import { readSharedSettings } from './shared-settings';

describe('readSharedSettings', () => {
  it('defaults to the SQLite file in ./data, 08:00–21:00 and real time', () => {
    const problems: string[] = [];
    expect(readSharedSettings({}, problems)).toEqual({
      database: { kind: 'sqlite', file: path.resolve('data/proactive-sms.sqlite') },
      legalWindow: { open: 8 * 60, close: 21 * 60 },
      simulatedClock: null,
    });
    expect(problems).toEqual([]);
  });

  it('names every bad value at once', () => {
    const problems: string[] = [];
    const settings = readSharedSettings(
      { DATABASE_URL: 'mysql://db', LEGAL_WINDOW: '21:00-08:00', SIMULATED_CLOCK_RATE: '600' },
      problems,
    );
    expect(settings.database).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/^LEGAL_WINDOW: Legal window "21:00-08:00" closes at or before it opens/),
      expect.stringMatching(/^DATABASE_URL "mysql:\/\/db" is not supported/),
      'SIMULATED_CLOCK_RATE is set but SIMULATED_CLOCK_START is not: set both, or neither for real time',
    ]);
  });

  it('reads a PostgreSQL URL and a simulated clock', () => {
    const problems: string[] = [];
    const settings = readSharedSettings(
      {
        DATABASE_URL: 'postgresql://sms@db:5432/sms',
        SIMULATED_CLOCK_START: '2026-12-07T02:00:00Z',
        SIMULATED_CLOCK_RATE: '720',
      },
      problems,
      Date.parse('2026-11-29T23:50:00Z'),
    );
    expect(settings).toMatchObject({
      database: { kind: 'postgresql', url: 'postgresql://sms@db:5432/sms' },
      simulatedClock: {
        startMs: Date.parse('2026-12-07T02:00:00Z'),
        anchorMs: Date.parse('2026-11-29T23:50:00Z'),
        rate: 720,
      },
    });
    expect(problems).toEqual([]);
  });
});
