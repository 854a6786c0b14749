import type { EntityManager } from '@mikro-orm/core';
import {
  type LegalWindow,
  parseWallClock,
  recipientDueTime,
  type WeeklySchedule,
  type WallClock,
  wallClockInZone,
} from '@proactive-sms/domain';
import { Recipient, type RecipientList, queryRows } from '@proactive-sms/persistence';

/**
 * A recipient's due time depends only on the schedule, their zone, the list's start and end, and now — so
 * it is computed once per zone, not once per row.
 */
export class DueTimeCalculator {
  private readonly byZone = new Map<string, { dueAt: Date | null; endAt: Date | null }>();

  constructor(
    private readonly schedule: WeeklySchedule,
    private readonly legalWindow: LegalWindow,
    private readonly start: WallClock,
    private readonly end: WallClock | null,
    private readonly now: Date,
  ) {}

  forZone(timeZone: string): { dueAt: Date | null; endAt: Date | null } {
    let entry = this.byZone.get(timeZone);
    if (!entry) {
      const due = recipientDueTime({
        schedule: this.schedule,
        timeZone,
        legalWindow: this.legalWindow,
        start: this.start,
        end: this.end,
        now: this.now,
      });
      const endAt = this.end ? wallClockInZone(this.end, timeZone) : null;
      // Not reachable before the end: due at the end, when the dispatcher marks it not reached. With no
      // end and no window at all, it has no due time until the schedule changes.
      entry = { dueAt: due.kind === 'due' ? due.dueAt : endAt, endAt };
      this.byZone.set(timeZone, entry);
    }
    return entry;
  }
}

/**
 * Recomputes the due time of every pending recipient of the given lists from `now` (after a schedule
 * change or a resume): one update per (list, zone).
 */
export async function recomputeDueTimes(
  em: EntityManager,
  schedule: WeeklySchedule,
  lists: RecipientList[],
  legalWindow: LegalWindow,
  now: Date,
): Promise<void> {
  for (const list of lists) {
    const start = parseWallClock(list.outreachStartAt);
    if (!start) continue;
    const end = list.outreachEndAt ? parseWallClock(list.outreachEndAt) : null;
    const calculator = new DueTimeCalculator(schedule, legalWindow, start, end, now);
    const zones = await queryRows<{ timezone: string }>(
      em,
      `select distinct timezone from recipients where list_id = ? and state = 'pending'`,
      [list.id],
    );
    for (const { timezone } of zones) {
      const { dueAt } = calculator.forZone(timezone);
      await em.nativeUpdate(Recipient, { list: list.id, timezone, state: 'pending' }, { dueAt });
    }
  }
}
