import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { classifyReply, messageDataCoding, type ReplyKind } from '@proactive-sms/domain';
import { parseInboundMessage, type SmsProvider } from '@proactive-sms/messagebird';
import { enqueueOutbox, queryRows, runStatement, SenderNumber } from '@proactive-sms/persistence';
import { Clock } from '../clock';
import { DispatcherConfig } from '../config/dispatcher-config';
import { SMS_PROVIDER } from '../dispatch/dispatch.service';

export type InboundResult = {
  outcome: 'stored' | 'repeated' | 'unknown_number' | 'ignored';
  kind?: ReplyKind;
  /** False when the number was already opted out: an opt-out is confirmed once. */
  confirm?: boolean;
};

/** What a texter gets back: one confirmation for an opt-out, with no marketing (CTIA), and a help text. */
export function confirmationText(kind: 'opt_out' | 'opt_in' | 'help', label: string): string {
  switch (kind) {
    case 'opt_out':
      return `${label}: you are unsubscribed and will get no more messages from this number. Reply START to resubscribe.`;
    case 'opt_in':
      return `${label}: you are subscribed again. Reply STOP to unsubscribe.`;
    case 'help':
      return `${label}: customer support messages. Reply STOP to unsubscribe. Msg & data rates may apply.`;
  }
}

/**
 * Texts people send to our numbers. Opt-out keywords record an opt-out for that number on that sender
 * (no campaign on the sender texts it again) and get one confirmation; opt-in keywords lift it; HELP gets
 * the help text; anything else is stored and queued for the inbox channel linked to the sender number.
 */
@Injectable()
export class InboundMessageService {
  private readonly logger = new Logger('Inbound');

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly config: DispatcherConfig,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
  ) {}

  async receive(params: Record<string, string>): Promise<InboundResult> {
    const message = parseInboundMessage(params);
    if (!message) return { outcome: 'ignored' };
    const em = this.orm.em.fork();
    const sender = await em.findOne(SenderNumber, { number: message.recipient });
    if (!sender) {
      this.logger.warn(`inbound message to ${message.recipient}, which is not one of our sender numbers`);
      return { outcome: 'unknown_number' };
    }
    const classified = classifyReply(message.body);
    const result = await em.transactional(async (tx) => {
      const now = this.clock.now();
      const [last] = await queryRows<{
        id: number | string;
        campaign_id: number | string;
        name: string | null;
        campaign_name: string;
      }>(
        tx,
        `select r.id, r.campaign_id, r.name, c.name as campaign_name from recipients r join campaigns c on c.id = r.campaign_id
          where r.phone = ? and c.sender_number_id = ? and r.state in ('sending', 'sent', 'delivered', 'unknown')
          order by r.sent_at desc, r.id desc limit 1`,
        [message.originator, sender.id],
      );
      const [optOut] = await queryRows<{ id: number | string }>(
        tx,
        `select id from opt_outs where sender_number_id = ? and phone = ? and lifted_at is null`,
        [sender.id, message.originator],
      );
      // An opt-in from someone who never opted out is just a reply ("Yes" to a question).
      const kind: ReplyKind = classified === 'opt_in' && !optOut ? 'message' : classified;
      const inserted = await runStatement(
        tx,
        `insert into inbound_messages (provider_message_id, sender_number_id, phone, body, kind, campaign_id, recipient_id, received_at)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider_message_id) do nothing`,
        [
          message.providerMessageId,
          sender.id,
          message.originator,
          message.body,
          kind,
          last ? Number(last.campaign_id) : null,
          last ? Number(last.id) : null,
          message.receivedAt,
        ],
      );
      if (inserted === 0) return { outcome: 'repeated' as const, kind };
      // A second STOP from a number already opted out is recorded, but neither confirmed nor relayed again.
      if (kind === 'opt_out' && optOut) return { outcome: 'stored' as const, kind, confirm: false };

      if (kind === 'opt_out') {
        await runStatement(
          tx,
          `insert into opt_outs (sender_number_id, phone, source, created_at) values (?, ?, ?, ?)
           on conflict (sender_number_id, phone) do update set lifted_at = null, source = excluded.source, created_at = excluded.created_at`,
          [sender.id, message.originator, message.body.slice(0, 200), now],
        );
        // Nobody on this sender texts the number again, from any campaign: waiting recipients are settled now.
        await runStatement(
          tx,
          `update recipients set state = 'opted_out', finished_at = ?, updated_at = ?
            where phone = ? and state = 'pending' and campaign_id in (select id from campaigns where sender_number_id = ?)`,
          [now, now, message.originator, sender.id],
        );
      } else if (kind === 'opt_in') {
        await runStatement(tx, `update opt_outs set lifted_at = ? where id = ?`, [now, Number(optOut!.id)]);
      }
      await enqueueOutbox(tx, {
        kind: kind === 'opt_out' ? 'opt_out' : kind === 'opt_in' ? 'opt_in' : 'reply',
        channelId: sender.inboxChannelId,
        payload: {
          phone: message.originator,
          body: message.body,
          kind,
          senderNumber: sender.number,
          senderLabel: sender.label,
          recipientName: last?.name ?? null,
          campaignId: last ? Number(last.campaign_id) : null,
          campaignName: last?.campaign_name ?? null,
          receivedAt: message.receivedAt.toISOString(),
        },
        dedupeKey: `inbound:${message.providerMessageId}`,
      });
      return { outcome: 'stored' as const, kind, confirm: true };
    });

    if (result.outcome === 'stored' && result.confirm && result.kind && result.kind !== 'message') {
      await this.confirm(result.kind, sender, message.originator, message.providerMessageId);
    }
    return result;
  }

  private async confirm(
    kind: 'opt_out' | 'opt_in' | 'help',
    sender: SenderNumber,
    phone: string,
    inboundId: string,
  ): Promise<void> {
    const body = confirmationText(kind, sender.label);
    const outcome = await this.provider.send({
      originator: sender.number,
      recipient: phone,
      body,
      reference: `${kind}-${inboundId}`.slice(0, 128),
      reportUrl: this.config.deliveryReportUrl,
      datacoding: messageDataCoding(body),
    });
    if (outcome.kind !== 'accepted')
      this.logger.warn(
        `${kind} confirmation to ${phone} not accepted: ${outcome.kind} ${'reason' in outcome ? outcome.reason : ''}`,
      );
  }
}
