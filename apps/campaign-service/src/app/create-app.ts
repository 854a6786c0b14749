import { type INestApplication, type LoggerService, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { Clock } from './clock';
import { ServiceConfig } from './config/service-config';
import { buildOpenApi } from './docs/openapi';
import { DocsHolder } from './docs/docs.holder';
import { FieldErrorsException } from './errors/field-errors.exception';
import { GlobalExceptionFilter } from './errors/global-exception.filter';

/** Builds the service the same way for `main.ts` and for the end-to-end tests. */
export async function createApp(
  config: ServiceConfig,
  options: { clock?: Clock; logger?: false | LogLevel[] | LoggerService } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options.clock), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => FieldErrorsException.fromValidationErrors(errors),
    }),
  );
  app.enableShutdownHooks();
  await app.init();
  app.get(DocsHolder).document = buildOpenApi(app);
  return app;
}
