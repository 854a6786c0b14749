import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor.decorator';
import { type CampaignView, CreateCampaignDto, UpdateCampaignDto } from './campaign.dto';
import { CampaignService } from './campaign.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignController {
  constructor(private readonly service: CampaignService) {}

  @Post()
  create(@Actor() actor: string, @Body() dto: CreateCampaignDto): Promise<CampaignView> {
    return this.service.create(actor, dto);
  }

  @Get()
  list(): Promise<CampaignView[]> {
    return this.service.list();
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<CampaignView> {
    return this.service.get(id);
  }

  @Patch(':id')
  update(
    @Actor() actor: string,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCampaignDto,
  ): Promise<CampaignView> {
    return this.service.update(actor, id, dto);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<CampaignView> {
    return this.service.pause(actor, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<CampaignView> {
    return this.service.resume(actor, id);
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<CampaignView> {
    return this.service.stop(actor, id);
  }
}
