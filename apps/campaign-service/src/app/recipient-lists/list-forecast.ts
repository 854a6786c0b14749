import type { EntityManager } from '@mikro-orm/core';
import { forecastSends, type LegalWindow, sendWindowAt } from '@proactive-sms/domain';
import { type Campaign, toDate, queryRows } from '@proactive-sms/persistence';
import type { ListForecast } from './recipient-list.dto';

/** Beyond this many waiting sends the forecast looks at the earliest ones only (it is an estimate). */
const FORECAST_HORIZON_ROWS = 50_000;

type PendingRow = { list_id: number | string; timezone: string; due_at: unknown; end_at: unknown };

/** A list written in this very request: its waiting recipients are known, so they are not read back. */
export type WrittenList = {
  listId: number;
  recipients: { timezone: string; dueAt: Date | null; endAt: Date | null }[];
};

/**
 * Forecasts every list of a campaign at once, because the lists share the sender number's rate and the
 * campaign's cap: the dispatcher sends by due time across lists and campaigns on the same number. Each
 * waiting recipient's slot is the next one free under every limit and inside their own send window.
 */
export async function forecastCampaignLists(
  em: EntityManager,
  campaign: Campaign,
  legalWindow: LegalWindow,
  now: Date,
  written?: WrittenList,
): Promise<Map<number, ListForecast>> {
  const stored = await queryRows<PendingRow>(
    em,
    `select list_id, timezone, due_at, end_at from recipients
      where campaign_id = ? and state = 'pending' and due_at is not null${written ? ' and list_id <> ?' : ''}
      order by due_at limit ${FORECAST_HORIZON_ROWS}`,
    written ? [campaign.id, written.listId] : [campaign.id],
  );
  const pending = written ? withWritten(stored, written) : stored;
  // The other active campaigns on the number first, then their waiting recipients campaign by campaign through
  // (campaign, state, due_at): never a pass over every campaign's backlog.
  const neighbours = await queryRows<{ id: number | string }>(
    em,
    `select id from campaigns where sender_number_id = ? and id <> ? and status = 'active'`,
    [campaign.senderNumber.id, campaign.id],
  );
  const others =
    neighbours.length === 0
      ? []
      : await queryRows<{ due_at: unknown }>(
          em,
          `select due_at from recipients
            where campaign_id in (${neighbours.map(() => '?').join(', ')}) and state = 'pending' and due_at is not null
            order by due_at limit ${FORECAST_HORIZON_ROWS}`,
          neighbours.map((row) => Number(row.id)),
        );
  const history = await queryRows<{
    list_id: number | string;
    first_sent: unknown;
    last_sent: unknown;
    not_reached: number | string;
    unreachable: number | string;
  }>(
    em,
    `select list_id, min(sent_at) as first_sent, max(sent_at) as last_sent,
            sum(case when state = 'not_reached' then 1 else 0 end) as not_reached,
            sum(case when state = 'pending' and due_at is null then 1 else 0 end) as unreachable
       from recipients where campaign_id = ?${written ? ' and list_id <> ?' : ''} group by list_id`,
    written ? [campaign.id, written.listId] : [campaign.id],
  );
  if (written) {
    // Just written: nothing sent or settled yet; waiting with no due time at all is not reachable.
    const unreachable = written.recipients.filter((recipient) => recipient.dueAt === null).length;
    history.push({ list_id: written.listId, first_sent: null, last_sent: null, not_reached: 0, unreachable });
  }

  const recipients = pending.map((row) => ({
    dueAt: new Date(Math.max(toDate(row.due_at)!.getTime(), now.getTime())),
    endAt: toDate(row.end_at),
  }));
  const windows = new Map<string, { opensAt: number; openUntil: number }>();
  const result = forecastSends(
    recipients,
    {
      messagesPerSecond: campaign.senderNumber.messagesPerSecond,
      // The dispatcher spaces a campaign's sends evenly under its cap (40 per 300 s is one each 7.5 s):
      // a sliding window of one send per interval.
      campaignCap:
        campaign.capCount && campaign.capPerSeconds
          ? { count: 1, perSeconds: campaign.capPerSeconds / campaign.capCount }
          : null,
    },
    {
      alreadyScheduledOnNumber: others.map((row) => toDate(row.due_at)!),
      windowOf: (index, instant) => {
        // Slots only move forward, so each zone's current window answers most questions without luxon.
        const timeZone = pending[index]!.timezone;
        const at = instant.getTime();
        const known = windows.get(timeZone);
        if (known && known.opensAt <= at && at < known.openUntil) return instant;
        const span = sendWindowAt({ schedule: campaign.schedule, timeZone, legalWindow, notBefore: instant });
        if (!span) return null;
        windows.set(timeZone, { opensAt: span.opensAt.getTime(), openUntil: span.openUntil.getTime() });
        return span.opensAt;
      },
    },
  );

  const forecasts = new Map<number, ListForecast>();
  const ensure = (listId: number) => {
    let entry = forecasts.get(listId);
    if (!entry) {
      entry = { firstSendAt: null, lastSendAt: null, notReachableBeforeEnd: 0 };
      forecasts.set(listId, entry);
    }
    return entry;
  };
  for (const row of history) {
    const entry = ensure(Number(row.list_id));
    entry.firstSendAt = toDate(row.first_sent)?.toISOString() ?? null;
    entry.lastSendAt = toDate(row.last_sent)?.toISOString() ?? null;
    entry.notReachableBeforeEnd = Number(row.not_reached) + Number(row.unreachable);
  }
  result.sendTimes.forEach((sendAt, index) => {
    const entry = ensure(Number(pending[index]!.list_id));
    if (sendAt === null) {
      entry.notReachableBeforeEnd += 1;
      return;
    }
    const iso = sendAt.toISOString();
    if (entry.firstSendAt === null || iso < entry.firstSendAt) entry.firstSendAt = iso;
    if (entry.lastSendAt === null || iso > entry.lastSendAt) entry.lastSendAt = iso;
  });
  return forecasts;
}

/** The stored waiting recipients and the written list's, in due order, within the forecast's horizon. */
function withWritten(stored: PendingRow[], written: WrittenList): PendingRow[] {
  const fresh = written.recipients
    .filter((recipient) => recipient.dueAt !== null)
    .map((recipient) => ({
      list_id: written.listId,
      timezone: recipient.timezone,
      due_at: recipient.dueAt,
      end_at: recipient.endAt,
    }));
  return [...stored, ...fresh]
    .map((row) => ({ row, due: toDate(row.due_at)!.getTime() }))
    .sort((a, b) => a.due - b.due)
    .slice(0, FORECAST_HORIZON_ROWS)
    .map(({ row }) => row);
}
