import { BotConfig } from './app/config/bot-config';
import { SlackBot } from './app/slack-bot';

async function bootstrap(): Promise<void> {
  const config = BotConfig.fromEnvironment();
  const bot = SlackBot.create(config);
  await bot.start();
  const shutdown = () => {
    bot
      .stop()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
