import type { Logger } from '@slack/bolt';
import type { CampaignServiceClient } from '@proactive-sms/service-client';
import type { SlackGateway } from '../slack/slack-gateway';
import { describeError } from '../support/user-facing-error';
import { homeView } from '../views/home.view';

export class HomeService {
  constructor(
    private readonly service: CampaignServiceClient,
    private readonly slack: SlackGateway,
    private readonly logger: Logger,
    private readonly zone: string,
  ) {}

  async publish(userId: string): Promise<void> {
    let campaigns: Parameters<typeof homeView>[0];
    try {
      campaigns = (await this.service.digest()).campaigns;
    } catch (error) {
      this.logger.warn(`home: digest unavailable: ${(error as Error).message}`);
      campaigns = { unavailable: describeError(error) };
    }
    await this.slack.publishHome(userId, homeView(campaigns, this.zone));
  }
}
