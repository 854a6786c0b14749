import type { EntityManager } from '@mikro-orm/core';
import { RECIPIENT_STATES, type RecipientState } from '@proactive-sms/domain';
import { Campaign } from './entities/campaign.entity';
import { RecipientList } from './entities/recipient-list.entity';
import { queryRows } from './sql-values';

export type StateCounts = Record<RecipientState, number>;

export function emptyStateCounts(): StateCounts {
  return Object.fromEntries(RECIPIENT_STATES.map((state) => [state, 0])) as StateCounts;
}

/** Recipients by list and state, in one grouped query over the (list, state) index. */
export async function countRecipientsByList(
  em: EntityManager,
  scope: { campaignIds?: number[]; listIds?: number[] },
): Promise<Map<number, StateCounts>> {
  const [column, ids] = scope.listIds ? ['list_id', scope.listIds] : ['campaign_id', scope.campaignIds ?? []];
  const counts = new Map<number, StateCounts>();
  if (ids.length === 0) return counts;
  const rows = await queryRows<{ list_id: number | string; state: RecipientState; count: number | string }>(
    em,
    `select list_id, state, count(*) as count from recipients where ${column} in (${ids.map(() => '?').join(', ')}) group by list_id, state`,
    ids,
  );
  for (const row of rows) {
    const listId = Number(row.list_id);
    const entry = counts.get(listId) ?? emptyStateCounts();
    entry[row.state] = Number(row.count);
    counts.set(listId, entry);
  }
  return counts;
}

export function sumStateCounts(counts: Iterable<StateCounts>): StateCounts {
  const total = emptyStateCounts();
  for (const entry of counts) for (const state of RECIPIENT_STATES) total[state] += entry[state];
  return total;
}

/** Recipients still to be handled: waiting for their time, or in flight. */
export function openRecipients(counts: StateCounts): number {
  return counts.pending + counts.sending;
}

/**
 * Marks lists whose every recipient reached a final state as completed, and the campaign as completed
 * once every list is completed or stopped. Safe to call from any process at any time (idempotent).
 */
export async function refreshCompletion(em: EntityManager, campaignId: number, now: Date): Promise<void> {
  const lists = await em.find(RecipientList, { campaign: campaignId });
  const counts = await countRecipientsByList(em, { listIds: lists.map((list) => list.id) });
  for (const list of lists) {
    if (list.status !== 'scheduled' && list.status !== 'in_progress') continue;
    const entry = counts.get(list.id) ?? emptyStateCounts();
    if (openRecipients(entry) === 0) {
      list.status = 'completed';
      list.completedAt = now;
    }
  }
  const campaign = await em.findOneOrFail(Campaign, campaignId);
  if (
    campaign.status === 'active' &&
    lists.length > 0 &&
    lists.every((list) => list.status === 'completed' || list.status === 'stopped')
  ) {
    campaign.status = 'completed';
  }
  await em.flush();
}
