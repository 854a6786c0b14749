import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ormOptions } from '@proactive-sms/persistence';
import { AnswerController } from './answers/answer.controller';
import { AnswerService } from './answers/answer.service';
import { ServiceTokenGuard } from './auth/service-token.guard';
import { CampaignController } from './campaigns/campaign.controller';
import { CampaignService } from './campaigns/campaign.service';
import { Clock } from './clock';
import { ServiceConfig } from './config/service-config';
import { DatabaseMigrations } from './database-migrations';
import { DigestController } from './digest/digest.controller';
import { DigestService } from './digest/digest.service';
import { DocsController } from './docs/docs.controller';
import { DocsHolder } from './docs/docs.holder';
import { HealthController } from './health/health.controller';
import { OutboxController } from './outbox/outbox.controller';
import { OutboxService } from './outbox/outbox.service';
import { RecipientListController } from './recipient-lists/recipient-list.controller';
import { RecipientListService } from './recipient-lists/recipient-list.service';
import { SenderNumberController } from './sender-numbers/sender-number.controller';
import { SenderNumberService } from './sender-numbers/sender-number.service';

@Module({})
export class AppModule {
  static register(config: ServiceConfig, clock: Clock = new Clock(config.simulatedClock)): DynamicModule {
    return {
      module: AppModule,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(config.database), registerRequestContext: true })],
      controllers: [
        HealthController,
        SenderNumberController,
        AnswerController,
        CampaignController,
        RecipientListController,
        DigestController,
        DocsController,
        OutboxController,
      ],
      providers: [
        { provide: ServiceConfig, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: APP_GUARD, useClass: ServiceTokenGuard },
        DatabaseMigrations,
        SenderNumberService,
        AnswerService,
        CampaignService,
        RecipientListService,
        DigestService,
        DocsHolder,
        OutboxService,
      ],
    };
  }
}
