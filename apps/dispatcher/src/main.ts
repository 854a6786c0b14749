import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { describeDatabase } from '@proactive-sms/persistence';
import { DispatcherConfig } from './app/config/dispatcher-config';
import { createDispatcher } from './app/create-dispatcher';

async function bootstrap(): Promise<void> {
  const config = DispatcherConfig.fromEnvironment();
  const app = await createDispatcher(config);
  await app.listen(config.port);
  new Logger('Dispatcher').log(
    `${config.dispatcherId} listening on http://127.0.0.1:${config.port} (${describeDatabase(config.database)}; ` +
      `webhooks at ${config.publicUrl}/webhooks/messagebird/…; ${config.messageBirdSandboxUrl ? `MessageBird sandbox ${config.messageBirdSandboxUrl}` : 'MessageBird'}; ` +
      `tick every ${config.dispatchIntervalMs} ms)`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
