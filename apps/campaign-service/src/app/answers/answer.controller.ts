import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor.decorator';
import { type AnswerView, CreateAnswerDto } from './answer.dto';
import { AnswerService } from './answer.service';

@ApiTags('messaging answers')
@ApiBearerAuth()
@Controller('answers')
export class AnswerController {
  constructor(private readonly service: AnswerService) {}

  @Get()
  @ApiQuery({ name: 'language', required: false, example: 'en' })
  list(@Query('language') language?: string): Promise<AnswerView[]> {
    return this.service.list({ language });
  }

  @Post()
  create(@Actor() actor: string, @Body() dto: CreateAnswerDto): Promise<AnswerView> {
    return this.service.create(actor, dto);
  }
}
