import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MessageBirdProvider, type SmsProvider, WebhookVerifier } from '@proactive-sms/messagebird';
import { ormOptions } from '@proactive-sms/persistence';
import { Clock } from './clock';
import { DispatcherConfig } from './config/dispatcher-config';
import { DatabaseMigrations } from './database-migrations';
import { ClaimRepository } from './dispatch/claim.repository';
import { DispatchCron } from './dispatch/dispatch.cron';
import { DispatchService, SMS_PROVIDER } from './dispatch/dispatch.service';
import { OutcomeRecorder } from './dispatch/outcome.recorder';
import { HealthController } from './health.controller';
import { DispatcherMetrics } from './metrics/dispatcher-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { DatabaseJtiStore } from './webhooks/database-jti.store';
import { DeliveryReportService } from './webhooks/delivery-report.service';
import { InboundMessageService } from './webhooks/inbound-message.service';
import { WebhookController } from './webhooks/webhook.controller';

export type DispatcherOptions = {
  clock?: Clock;
  /** Defaults to MessageBird through the `messagebird` package. */
  provider?: SmsProvider;
  /** False in tests that drive ticks themselves. */
  ticks?: boolean;
};

@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, options: DispatcherOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: DispatcherConfig, useValue: config },
      { provide: Clock, useValue: options.clock ?? new Clock(config.simulatedClock) },
      {
        provide: SMS_PROVIDER,
        useValue:
          options.provider ??
          new MessageBirdProvider({ accessKey: config.messageBirdAccessKey, timeoutMs: config.providerTimeoutMs }),
      },
      DatabaseJtiStore,
      {
        provide: WebhookVerifier,
        inject: [DatabaseJtiStore],
        useFactory: (store: DatabaseJtiStore) => new WebhookVerifier(config.messageBirdSigningKey, store),
      },
      DatabaseMigrations,
      DispatcherMetrics,
      MetricsService,
      ClaimRepository,
      OutcomeRecorder,
      DispatchService,
      DeliveryReportService,
      InboundMessageService,
    ];
    if (options.ticks !== false) providers.push(DispatchCron);
    return {
      module: DispatcherModule,
      imports: [
        MikroOrmModule.forRoot({ ...ormOptions(config.database), registerRequestContext: false }),
        ScheduleModule.forRoot(),
      ],
      controllers: [WebhookController, HealthController, MetricsController],
      providers,
    };
  }
}
