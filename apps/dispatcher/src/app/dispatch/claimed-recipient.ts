import type { WeeklySchedule } from '@proactive-sms/domain';
import type { OutgoingSms } from '@proactive-sms/messagebird';

/** A recipient this process holds, with the instant its send may start and the message to send. */
export type ClaimedRecipient = {
  id: number;
  campaignId: number;
  listId: number;
  timezone: string;
  schedule: WeeklySchedule;
  /** When it was claimed (epoch ms). */
  claimedAt: number;
  /** Earliest instant (epoch ms) the request may start, under every limit. */
  slotAt: number;
  /** The limits the send counts against, with the spacing each imposes (ms). */
  limits: [key: string, intervalMs: number][];
  /** Which try this is (1 for the first). */
  attempt: number;
  sms: OutgoingSms;
};
