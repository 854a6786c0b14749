import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Proactive SMS campaign service')
    .setDescription(
      'Campaigns, Messaging Answers, sender numbers and recipient lists. Every route but GET /health needs the service token; writes name their actor in X-Actor.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
