import type { OutboxItem } from '@proactive-sms/service-client';
import type { Message, MessageMetadata } from '../slack/slack-types';
import { context, section } from '../views/block-kit';
import { escapeMrkdwn, formatInstant } from '../support/text';

export const OUTBOX_EVENT_TYPE = 'proactive_sms_outbox';

/** Marks a posted message with the outbox item it delivers, so a retry can find it instead of posting twice. */
export function outboxMetadata(outboxId: number): MessageMetadata {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outboxId } };
}

export function isOutboxMessage(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  outboxId: number,
): boolean {
  return metadata?.event_type === OUTBOX_EVENT_TYPE && Number(metadata.event_payload?.['outboxId']) === outboxId;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A relayed text, opt-out, alert or completed list, as posted in its channel. Texts from outside are escaped. */
export function outboxMessage(item: OutboxItem, zone: string): Message {
  const p = item.payload;
  const phone = escapeMrkdwn(str(p['phone']) ?? 'unknown number');
  const who = str(p['recipientName']) ? `${escapeMrkdwn(str(p['recipientName'])!)} (${phone})` : phone;
  const sender = [str(p['senderLabel']), str(p['senderNumber'])]
    .filter(Boolean)
    .map((s) => escapeMrkdwn(s!))
    .join(' · ');
  const campaign = str(p['campaignName']) ? ` · campaign *${escapeMrkdwn(str(p['campaignName'])!)}*` : '';
  const received = str(p['receivedAt']) ? `received ${formatInstant(str(p['receivedAt']), zone)}` : '';
  const body = escapeMrkdwn(str(p['body']) ?? '');
  const quoted = body ? `\n>${body.replace(/\n/g, '\n>')}` : '';
  switch (item.kind) {
    case 'reply':
      return {
        text: `Reply from ${who}: ${str(p['body']) ?? ''}`,
        blocks: [
          section(`:speech_balloon: *${who}* replied${sender ? ` to ${sender}` : ''}${quoted}`),
          context(`${received}${campaign}`),
        ],
      };
    case 'opt_out':
      return {
        text: `${who} opted out`,
        blocks: [
          section(
            `:no_entry_sign: *${who}* opted out${sender ? ` of ${sender}` : ''} — no campaign on this number will text them again.${quoted}`,
          ),
          context(`${received}${campaign}`),
        ],
      };
    case 'opt_in':
      return {
        text: `${who} opted back in`,
        blocks: [
          section(`:white_check_mark: *${who}* opted back in${sender ? ` to ${sender}` : ''}.${quoted}`),
          context(`${received}${campaign}`),
        ],
      };
    case 'alert': {
      const severity = str(p['severity']) ?? 'warning';
      const icon =
        severity === 'error' ? ':rotating_light:' : severity === 'info' ? ':information_source:' : ':warning:';
      const title = escapeMrkdwn(str(p['title']) ?? 'Proactive SMS alert');
      return {
        text: `${str(p['title']) ?? 'Alert'}: ${str(p['text']) ?? ''}`,
        blocks: [
          section(`${icon} *${title}*\n${escapeMrkdwn(str(p['text']) ?? '')}`),
          ...(campaign ? [context(campaign.slice(3))] : []),
        ],
      };
    }
    case 'list_completed': {
      const file = escapeMrkdwn(str(p['fileName']) ?? 'A recipient list');
      const detail = str(p['text']) ? `\n${escapeMrkdwn(str(p['text'])!)}` : '';
      return {
        text: `${str(p['fileName']) ?? 'A recipient list'} completed`,
        blocks: [section(`:checkered_flag: *${file}* completed${campaign}.${detail}`)],
      };
    }
  }
}
