import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { App, ExpressReceiver, type Logger, webApi } from '@slack/bolt';
import { CampaignServiceClient } from '@proactive-sms/service-client';
import { AnswerModalService } from './answers/answer-modal.service';
import { AdminPolicy } from './auth/admin-policy';
import { CampaignActionsService } from './campaigns/campaign-actions.service';
import { CampaignCommandService } from './campaigns/campaign-command.service';
import { CreateCampaignService } from './campaigns/create-campaign.service';
import type { BotConfig } from './config/bot-config';
import { DigestService } from './digest/digest.service';
import { Clock } from './support/clock';
import { HomeService } from './home/home.service';
import { EventDeduplicator } from './http/event-deduplicator';
import { requestFreshness } from './http/request-freshness.middleware';
import { registerCampaignListeners } from './listeners/campaign.listeners';
import { registerCommandListeners } from './listeners/command.listeners';
import { registerModalListeners } from './listeners/modal.listeners';
import { registerRecipientListeners } from './listeners/recipient.listeners';
import { NumberModalService } from './numbers/number-modal.service';
import { OutboxRelay } from './outbox/outbox-relay';
import { AddRecipientsService } from './recipients/add-recipients.service';
import { SharedFileService } from './recipients/shared-file.service';
import { SlackFileDownloader } from './slack/file-downloader';
import { SlackGateway } from './slack/slack-gateway';
import { ACK_BUDGET_MS } from './support/deadline';
import { BotLogger } from './support/logger';

export const SLACK_EVENTS_PATH = '/slack/events';

export type SlackBotOptions = {
  logger?: Logger;
  /** Start the outbox poller and the digest timer (default true). */
  background?: boolean;
  /**
   * How long a modal submit waits for the service before acknowledging without inline errors (default
   * 2.3 s, under Slack's 3 s). Tests under load raise it: the local Slack sandbox does not time out.
   */
  ackBudgetMs?: number;
};

/**
 * The composition root: config in, a Bolt app with its listeners, the outbox relay and the digest out.
 * HTTP mode (Slack posts to /slack/events on PORT) unless SLACK_APP_TOKEN asks for Socket Mode.
 */
export class SlackBot {
  private server: Server | null = null;

  private constructor(
    readonly app: App,
    readonly config: BotConfig,
    readonly digest: DigestService,
    readonly outbox: OutboxRelay,
    readonly home: HomeService,
    private readonly logger: Logger,
    private readonly background: boolean,
  ) {}

  static create(config: BotConfig, options: SlackBotOptions = {}): SlackBot {
    const logger = options.logger ?? BotLogger.fromLevel(config.logLevel);
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl: config.slackApiUrl,
      logger,
      retryConfig: { retries: config.slackApiRetries, factor: 2, minTimeout: 250, maxTimeout: 5000, randomize: true },
    };
    const app =
      config.mode.kind === 'socket' ? socketApp(config, logger, clientOptions) : httpApp(config, logger, clientOptions);

    const slack = new SlackGateway(app.client);
    // Posting an outbox item is not idempotent: its client never retries on its own (see OutboxRelay).
    const relaySlack = new SlackGateway(
      new webApi.WebClient(config.botToken, { ...clientOptions, retryConfig: { retries: 0 } }),
    );
    const service = new CampaignServiceClient({ baseUrl: config.serviceUrl, token: config.serviceToken });
    const admins = new AdminPolicy(config.adminUserIds, config.adminsIncludeWorkspaceAdmins, slack, logger);
    const downloader = new SlackFileDownloader(config.botToken, config.slackApiUrl);
    const zone = config.orgTimeZone;
    const clock = new Clock(config.simulatedClock);

    const budget = options.ackBudgetMs ?? ACK_BUDGET_MS;
    const create = new CreateCampaignService(service, slack, admins, logger, budget);
    const actions = new CampaignActionsService(service, slack, admins, logger, zone);
    const answers = new AnswerModalService(service, slack, admins, logger, budget);
    const numbers = new NumberModalService(service, slack, admins, logger, budget);
    const commands = new CampaignCommandService(service, slack, create, actions, answers, numbers, logger);
    const recipients = new AddRecipientsService(service, slack, downloader, admins, logger, zone, budget, clock);
    const shared = new SharedFileService(slack, downloader, admins, logger);
    const home = new HomeService(service, slack, logger, zone);
    const digest = new DigestService(service, slack, logger, config.digestTime, zone, clock);
    const outbox = new OutboxRelay(service, relaySlack, logger, config.outboxPollMs, zone);

    app.use(new EventDeduplicator().middleware());
    registerCommandListeners(app, commands);
    registerCampaignListeners(app, { create, actions, recipients, logger });
    registerRecipientListeners(app, { shared, recipients, logger });
    registerModalListeners(app, { answers, numbers, home });
    app.error(async (error) => {
      logger.error(`unhandled error in a listener: ${error.message}`, error);
    });

    return new SlackBot(app, config, digest, outbox, home, logger, options.background ?? true);
  }

  /** Starts Slack, the outbox poller and the digest timer. Resolves with the HTTP port (null in Socket Mode). */
  async start(): Promise<{ port: number | null }> {
    let port: number | null = null;
    if (this.config.mode.kind === 'socket') {
      await this.app.start();
    } else {
      this.server = (await this.app.start(this.config.port)) as Server;
      port = (this.server.address() as AddressInfo).port;
    }
    if (this.background) {
      this.outbox.start();
      this.digest.start();
    }
    this.logger.info(
      port === null
        ? 'connected to Slack in Socket Mode'
        : `listening for Slack on http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    );
    return { port };
  }

  async stop(): Promise<void> {
    this.digest.stop();
    await this.outbox.stop();
    await this.app.stop();
  }
}

function httpApp(config: BotConfig, logger: Logger, clientOptions: webApi.WebClientOptions): App {
  const signingSecret = config.mode.kind === 'http' ? config.mode.signingSecret : '';
  const web = express();
  // Before Bolt's router: refuse requests dated more than 5 minutes ahead (Bolt only refuses the past).
  web.use(SLACK_EVENTS_PATH, requestFreshness(logger));
  web.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const receiver = new ExpressReceiver({ signingSecret, app: web, endpoints: SLACK_EVENTS_PATH, logger });
  return new App({ token: config.botToken, receiver, logger, clientOptions });
}

function socketApp(config: BotConfig, logger: Logger, clientOptions: webApi.WebClientOptions): App {
  const appToken = config.mode.kind === 'socket' ? config.mode.appToken : '';
  return new App({ token: config.botToken, appToken, socketMode: true, logger, clientOptions });
}
