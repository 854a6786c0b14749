import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CampaignDigest, DigestService } from './digest.service';

@ApiTags('digest')
@ApiBearerAuth()
@Controller('digest')
export class DigestController {
  constructor(private readonly service: DigestService) {}

  @Get()
  digest(): Promise<{ generatedAt: string; campaigns: CampaignDigest[] }> {
    return this.service.digest();
  }
}
