import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { queryRows } from '@proactive-sms/persistence';
import { Clock } from '../clock';
import { DispatchService } from '../dispatch/dispatch.service';
import { DispatcherMetrics, DUE_COUNT_LIMIT } from './dispatcher-metrics';

/** Renders the metrics in Prometheus' text format, reading the gauges at scrape time. */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: DispatcherMetrics,
    private readonly dispatch: DispatchService,
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  async render(): Promise<string> {
    const { queued, inFlight } = this.dispatch.pending;
    this.metrics.queueDepth.set({ stage: 'claimed' }, queued);
    this.metrics.queueDepth.set({ stage: 'in_flight' }, inFlight);
    try {
      this.metrics.dueRecipients.set(await this.countDue());
    } catch (error) {
      // A scrape never fails because the database is slow or away: the gauge keeps its last value.
      this.logger.warn(`could not count due recipients: ${(error as Error).message}`);
    }
    return this.metrics.registry.metrics();
  }

  /** One range read of the due index (state, due_at), bounded: cheap with any backlog. */
  private async countDue(): Promise<number> {
    const [row] = await queryRows<{ n: number | string }>(
      this.orm.em.fork(),
      `select count(*) as n from (select 1 from recipients where state = 'pending' and due_at <= ? limit ${DUE_COUNT_LIMIT}) due`,
      [this.clock.now()],
    );
    return Number(row?.n ?? 0);
  }
}
