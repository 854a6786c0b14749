import { Body, Controller, DefaultValuePipe, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ParseIdPipe } from '../parse-id.pipe';
import { type OutboxItemView, OutboxService } from './outbox.service';

export class OutboxDeliveredDto {
  @IsString({ message: 'slackTs must be the ts Slack answered' })
  @Length(1, 32, { message: 'slackTs must be the ts Slack answered' })
  slackTs!: string;
}

export class OutboxFailedDto {
  @IsString({ message: 'error must say what Slack answered' })
  @Length(1, 1000, { message: 'error must say what Slack answered' })
  error!: string;
}

@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly service: OutboxService) {}

  /** Takes due notifications for the bot (each reserved for a minute). */
  @Post('take')
  @HttpCode(200)
  take(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number): Promise<OutboxItemView[]> {
    return this.service.take(Math.min(Math.max(limit, 1), 100));
  }

  @Post(':id/delivered')
  @HttpCode(200)
  async delivered(@Param('id', ParseIdPipe) id: number, @Body() dto: OutboxDeliveredDto): Promise<{ ok: true }> {
    await this.service.delivered(id, dto.slackTs);
    return { ok: true };
  }

  @Post(':id/failed')
  @HttpCode(200)
  failed(@Param('id', ParseIdPipe) id: number, @Body() dto: OutboxFailedDto): Promise<{ nextAttemptAt: string }> {
    return this.service.failed(id, dto.error);
  }
}
