import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { DocsHolder } from './docs.holder';

/** `GET /docs`: the OpenAPI document (behind the service token like every other route). */
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  constructor(private readonly holder: DocsHolder) {}

  @Get()
  docs(): OpenAPIObject | { message: string } {
    return this.holder.document ?? { message: 'The OpenAPI document is generated when the app starts.' };
  }
}
