import { DateTime } from 'luxon';

/**
 * The next moment the wall clock reads `time` (HH:mm) in `zone`, strictly after `now`. Luxon keeps the
 * wall clock across DST changes; a time that does not exist that day (a spring-forward gap) moves to the
 * first instant after the gap.
 */
export function nextDigestAt(now: Date, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (candidate.toMillis() <= now.getTime()) {
    candidate = local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  }
  return candidate.toJSDate();
}

/** The calendar day (YYYY-MM-DD) of `now` in `zone`: the key of "already posted today". */
export function dayIn(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Unix seconds of the start of that day in `zone` (to look only at today's messages). */
export function startOfDaySeconds(now: Date, zone: string): number {
  return Math.floor(DateTime.fromJSDate(now, { zone }).startOf('day').toSeconds());
}
