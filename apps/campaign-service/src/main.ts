import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { describeDatabase } from '@proactive-sms/persistence';
import { ServiceConfig } from './app/config/service-config';
import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  const config = ServiceConfig.fromEnvironment();
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('CampaignService').log(
    `listening on http://127.0.0.1:${config.port} (${describeDatabase(config.database)}, org zone ${config.orgTimeZone})`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
