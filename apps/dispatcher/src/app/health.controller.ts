import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DispatcherConfig } from './config/dispatcher-config';
import { DispatchService } from './dispatch/dispatch.service';

@Controller('health')
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: DispatcherConfig,
    private readonly dispatch: DispatchService,
  ) {}

  @Get()
  async health(): Promise<Record<string, unknown>> {
    try {
      await this.orm.em.fork().getConnection().execute('select 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: this.config.database.kind });
    }
    return {
      status: this.dispatch.halted ? 'halted' : 'ok',
      database: this.config.database.kind,
      dispatcherId: this.config.dispatcherId,
      halted: this.dispatch.halted,
      ...this.dispatch.pending,
    };
  }
}
