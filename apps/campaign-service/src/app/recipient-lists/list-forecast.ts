import type { EntityManager } from '@mikro-orm/core';
import { forecastSends, type LegalWindow, nextSendInstant } from '@proactive-sms/domain';
import { type Campaign, toDate, queryRows } from '@proactive-sms/persistence';
import type { ListForecast } from './recipient-list.dto';

/** Beyond this many waiting sends the forecast looks at the earliest ones only (it is an estimate). */
const FORECAST_HORIZON_ROWS = 50_000;

type PendingRow = { list_id: number | string; timezone: string; due_at: unknown; end_at: unknown };

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
): Promise<Map<number, ListForecast>> {
  const pending = await queryRows<PendingRow>(
    em,
    `select list_id, timezone, due_at, end_at from recipients
      where campaign_id = ? and state = 'pending' and due_at is not null
      order by due_at limit ${FORECAST_HORIZON_ROWS}`,
    [campaign.id],
  );
  const others = await queryRows<{ due_at: unknown }>(
    em,
    `select r.due_at from recipients r join campaigns c on c.id = r.campaign_id
      where c.sender_number_id = ? and r.campaign_id <> ? and c.status = 'active' and r.state = 'pending' and r.due_at is not null
      order by r.due_at limit ${FORECAST_HORIZON_ROWS}`,
    [campaign.senderNumber.id, campaign.id],
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
       from recipients where campaign_id = ? group by list_id`,
    [campaign.id],
  );

  const recipients = pending.map((row) => ({
    dueAt: new Date(Math.max(toDate(row.due_at)!.getTime(), now.getTime())),
    endAt: toDate(row.end_at),
  }));
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
      windowOf: (index, instant) =>
        nextSendInstant({
          schedule: campaign.schedule,
          timeZone: pending[index]!.timezone,
          legalWindow,
          notBefore: instant,
        }),
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
