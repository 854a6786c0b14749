import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ServiceConfig } from '../config/service-config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: ServiceConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: '{ status: "ok", database: "sqlite" | "postgresql" }' })
  async health(): Promise<{ status: 'ok'; database: 'sqlite' | 'postgresql' }> {
    try {
      await this.orm.em.fork().getConnection().execute('select 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: this.config.database.kind });
    }
    return { status: 'ok', database: this.config.database.kind };
  }
}
