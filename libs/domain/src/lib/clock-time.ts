/** "24:00": the end-of-day close time, in minutes since midnight (a whole day). */
export const END_OF_DAY_MINUTES = 24 * 60;

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type ClockTimeOptions = {
  /** Accept "24:00" (= 1440, midnight at the end of the day). Only meaningful for close times. */
  allowEndOfDay?: boolean;
};

/**
 * Parses a 24-hour wall-clock time "HH:MM" ("00:00".."23:59", and "24:00" when allowed) into minutes
 * since midnight. Strict on purpose: Slack's timepicker and our API both send "HH:MM", so anything
 * else ("9:00", "9am", "09:00:00") is more likely a mistake than a convenience.
 */
export function parseClockTime(text: string, options: ClockTimeOptions = {}): number | null {
  if (options.allowEndOfDay && text === '24:00') return END_OF_DAY_MINUTES;
  const match = CLOCK_TIME.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Formats minutes since midnight (0..1440) as "HH:MM"; 1440 becomes "24:00". */
export function formatClockTime(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > END_OF_DAY_MINUTES) {
    throw new RangeError(`Clock time must be a whole number of minutes in 0..1440, got ${minutes}`);
  }
  const hours = Math.floor(minutes / 60);
  return `${pad2(hours)}:${pad2(minutes % 60)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
