import {
  DEFAULT_LEGAL_WINDOW,
  type LegalWindow,
  parseLegalWindow,
  readSimulatedClock,
  type SimulatedClock,
} from '@proactive-sms/domain';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url';

/** What the campaign service and the dispatcher must read alike: they share the database and the rules. */
export interface SharedSettings {
  /** Null when DATABASE_URL is unusable (a problem says why). */
  database: DatabaseTarget | null;
  legalWindow: LegalWindow;
  /** SIMULATED_CLOCK_*: null is real time. */
  simulatedClock: SimulatedClock | null;
}

/** Reads DATABASE_URL, LEGAL_WINDOW and SIMULATED_CLOCK_*; each bad value adds a problem naming it. */
export function readSharedSettings(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
  realNowMs: number = Date.now(),
): SharedSettings {
  let legalWindow = DEFAULT_LEGAL_WINDOW;
  if (env['LEGAL_WINDOW']) {
    const parsed = parseLegalWindow(env['LEGAL_WINDOW']);
    if (parsed.ok) legalWindow = parsed.window;
    else problems.push(`LEGAL_WINDOW: ${parsed.error}`);
  }
  let database: DatabaseTarget | null = null;
  try {
    database = parseDatabaseUrl(env['DATABASE_URL']);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const clock = readSimulatedClock(env, realNowMs);
  if (!clock.ok) problems.push(clock.error);
  return { database, legalWindow, simulatedClock: clock.ok ? clock.clock : null };
}
