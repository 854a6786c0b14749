import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { routeMessageBirdTo } from '@proactive-sms/messagebird';
import { DispatcherConfig } from './config/dispatcher-config';
import { DispatcherModule, type DispatcherOptions } from './dispatcher.module';

/**
 * Builds the dispatcher the same way for `main.ts` and the tests. With MESSAGEBIRD_SANDBOX_URL the
 * `messagebird` package's requests are routed to the local sandbox (see libs/messagebird): the sending
 * code is the production code.
 */
export async function createDispatcher(
  config: DispatcherConfig,
  options: DispatcherOptions & { logger?: false | LogLevel[] | LoggerService } = {},
): Promise<INestApplication> {
  const unroute =
    config.messageBirdSandboxUrl && !options.provider ? routeMessageBirdTo(config.messageBirdSandboxUrl) : null;
  const app = await NestFactory.create<NestExpressApplication>(DispatcherModule.register(config, options), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    rawBody: true,
  });
  app.enableShutdownHooks();
  if (unroute) {
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      unroute();
    };
  }
  await app.init();
  return app;
}
