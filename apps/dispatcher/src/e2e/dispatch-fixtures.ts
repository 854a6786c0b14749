import type { MikroORM } from '@mikro-orm/core';
import {
  DEFAULT_LEGAL_WINDOW,
  type LegalWindow,
  parseWallClock,
  recipientDueTime,
  wallClockInZone,
  type WeeklySchedule,
} from '@proactive-sms/domain';
import { Campaign, MessagingAnswer, Recipient, RecipientList, SenderNumber } from '@proactive-sms/persistence';
import { Clock } from '../app/clock';

export const ACCESS_KEY = 'test_sandbox_access_key';
export const SIGNING_KEY = 'sandbox_signing_key';

export const ALWAYS_OPEN: WeeklySchedule = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    { closed: false, open: '00:00', close: '24:00' },
  ]),
) as WeeklySchedule;

export const WHOLE_DAY: LegalWindow = { open: 0, close: 24 * 60 };

/** Simulated time: sleeping moves the clock forward instead of waiting. */
export class SimulatedClock extends Clock {
  constructor(private current: number) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  override sleep(ms: number): Promise<void> {
    if (ms > 0) this.current += ms;
    return Promise.resolve();
  }
  set(instant: string | Date): void {
    this.current = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

let numbers = 0;

/**
 * Stores what the campaign service would have stored for a campaign and one list: the dispatcher shares
 * the service's database, and apps may not import each other, so the tests write the rows directly with
 * the same domain rules (due time per recipient zone).
 */
export async function seedCampaign(
  orm: MikroORM,
  input: {
    schedule?: WeeklySchedule;
    legalWindow?: LegalWindow;
    messagesPerSecond?: number;
    cap?: { count: number; perSeconds: number };
    body?: string;
    start: string;
    end?: string;
    now: Date;
    recipients: { phone: string; timezone: string; name?: string | null }[];
  },
): Promise<{
  campaignId: number;
  listId: number;
  senderNumberId: number;
  senderNumber: string;
  inboxChannelId: string;
}> {
  const em = orm.em.fork();
  numbers += 1;
  const sender = em.create(SenderNumber, {
    number: `+1555010${String(numbers).padStart(4, '0')}`,
    label: 'Support',
    smsCapable: true,
    inboxChannelId: 'C0INBOX',
    messagesPerSecond: input.messagesPerSecond ?? 1000,
  });
  const answer = em.create(MessagingAnswer, {
    name: 'Reminder',
    language: 'en',
    body: input.body ?? 'Hi {{first_name}}, your order ships tomorrow. Reply STOP to opt out.',
    defaultFirstName: 'there',
  });
  const campaign = em.create(Campaign, {
    name: `Campaign ${numbers}-${Math.random().toString(36).slice(2, 7)}`,
    senderNumber: sender,
    language: 'en',
    answer,
    schedule: input.schedule ?? ALWAYS_OPEN,
    slackChannelId: 'C0CAMPAIGN',
    capCount: input.cap?.count ?? null,
    capPerSeconds: input.cap?.perSeconds ?? null,
    createdBy: 'U0TEST',
  });
  await em.flush();
  const listId = await addList(orm, campaign.id, input);
  return {
    campaignId: campaign.id,
    listId,
    senderNumberId: sender.id,
    senderNumber: sender.number,
    inboxChannelId: sender.inboxChannelId,
  };
}

export async function addList(
  orm: MikroORM,
  campaignId: number,
  input: {
    legalWindow?: LegalWindow;
    start: string;
    end?: string;
    now: Date;
    recipients: { phone: string; timezone: string; name?: string | null }[];
  },
): Promise<number> {
  const em = orm.em.fork();
  const campaign = await em.findOneOrFail(Campaign, campaignId);
  // As the service does: a new list reopens a completed campaign.
  if (campaign.status === 'completed') campaign.status = 'active';
  const list = em.create(RecipientList, {
    campaign,
    fileName: 'recipients.csv',
    outreachStartAt: input.start,
    outreachEndAt: input.end ?? null,
    recipients: input.recipients.length,
    createdBy: 'U0TEST',
  });
  await em.flush();
  const start = parseWallClock(input.start)!;
  const end = input.end ? parseWallClock(input.end)! : null;
  const rows = input.recipients.map((recipient, index) => {
    const due = recipientDueTime({
      schedule: campaign.schedule,
      timeZone: recipient.timezone,
      legalWindow: input.legalWindow ?? DEFAULT_LEGAL_WINDOW,
      start,
      end,
      now: input.now,
    });
    const endAt = end ? wallClockInZone(end, recipient.timezone) : null;
    return {
      list: list.id,
      campaign: campaign.id,
      line: index + 1,
      phone: recipient.phone,
      timezone: recipient.timezone,
      name: recipient.name ?? null,
      state: 'pending' as const,
      dueAt: due.kind === 'due' ? due.dueAt : endAt,
      endAt,
      attempts: 0,
      createdAt: input.now,
      updatedAt: input.now,
    };
  });
  for (let offset = 0; offset < rows.length; offset += 500)
    await em.insertMany(Recipient, rows.slice(offset, offset + 500));
  return list.id;
}

export function phones(count: number, prefix = '+1555020'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

export async function recipientStates(orm: MikroORM, listId: number): Promise<Record<string, number>> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ state: string; count: number | string }[]>(
      'select state, count(*) as count from recipients where list_id = ? group by state',
      [listId],
    );
  return Object.fromEntries(
    rows.map((row: { state: string; count: number | string }) => [row.state, Number(row.count)]),
  );
}
