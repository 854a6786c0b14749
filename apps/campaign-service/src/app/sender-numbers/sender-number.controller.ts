import { Body, Controller, Get, ParseBoolPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor.decorator';
import { CreateSenderNumberDto, type SenderNumberView } from './sender-number.dto';
import { SenderNumberService } from './sender-number.service';

@ApiTags('sender numbers')
@ApiBearerAuth()
@Controller('sender-numbers')
export class SenderNumberController {
  constructor(private readonly service: SenderNumberService) {}

  @Get()
  @ApiQuery({ name: 'smsCapable', required: false, type: Boolean })
  list(@Query('smsCapable', new ParseBoolPipe({ optional: true })) smsCapable?: boolean): Promise<SenderNumberView[]> {
    return this.service.list({ smsCapable });
  }

  @Post()
  @ApiCreatedResponse({ description: 'The registered number, E.164.' })
  create(@Actor() actor: string, @Body() dto: CreateSenderNumberDto): Promise<SenderNumberView> {
    return this.service.create(actor, dto);
  }
}
