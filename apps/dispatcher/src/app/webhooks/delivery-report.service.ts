import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { advancesDeliveryState, RECIPIENT_STATES } from '@proactive-sms/domain';
import { mapDeliveryStatus, parseDeliveryReport } from '@proactive-sms/messagebird';
import { queryRows, runStatement } from '@proactive-sms/persistence';
import { Clock } from '../clock';

export type ReportResult = 'applied' | 'unchanged' | 'ignored';

/**
 * Applies MessageBird delivery reports. Statuses only move forward (a late "sent" never downgrades
 * "delivered", a repeated report changes nothing), and a report for an "unknown" recipient settles it.
 */
@Injectable()
export class DeliveryReportService {
  private readonly logger = new Logger('DeliveryReports');

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  async apply(params: Record<string, string>): Promise<ReportResult> {
    const report = parseDeliveryReport(params);
    if (!report) {
      this.logger.warn(
        `ignored a delivery report without id, reference or status: ${JSON.stringify(params).slice(0, 200)}`,
      );
      return 'ignored';
    }
    const next = mapDeliveryStatus(report.status);
    const id = Number(report.reference);
    if (!Number.isInteger(id)) return 'ignored';
    const em = this.orm.em.fork();
    if (next) {
      // One conditional write, no transaction: the state moves only from a state it advances, and only
      // for this message. The common case costs one statement, which is what webhook intake scales on.
      const from = RECIPIENT_STATES.filter((state) => advancesDeliveryState(state, next));
      const now = this.clock.now();
      const at = report.statusDatetime ?? now;
      const reason =
        next === 'failed'
          ? `Delivery ${report.status}${report.statusReason ? `: ${report.statusReason}` : ''}${report.errorCode ? ` (error ${report.errorCode})` : ''}`
          : null;
      const changed = await runStatement(
        em,
        `update recipients set state = ?, provider_message_id = coalesce(provider_message_id, ?), sent_at = coalesce(sent_at, ?),
                delivered_at = ${next === 'delivered' ? '?' : 'delivered_at'}, last_error = ${reason ? '?' : 'last_error'},
                finished_at = ${next === 'failed' ? '?' : 'finished_at'}, updated_at = ?
          where id = ? and state in (${from.map(() => '?').join(', ')})
            and (provider_message_id is null or provider_message_id = ?)`,
        [
          next,
          report.providerMessageId,
          at,
          ...(next === 'delivered' ? [at] : []),
          ...(reason ? [reason] : []),
          ...(next === 'failed' ? [now] : []),
          now,
          id,
          ...from,
          report.providerMessageId,
        ],
      );
      if (changed === 1) return 'applied';
    }
    // Nothing moved: a recipient we do not know or another message's report is ignored, the rest unchanged.
    const [row] = await queryRows<{ provider_message_id: string | null }>(
      em,
      `select provider_message_id from recipients where id = ?`,
      [id],
    );
    if (!row || (row.provider_message_id && row.provider_message_id !== report.providerMessageId)) return 'ignored';
    return 'unchanged';
  }
}
