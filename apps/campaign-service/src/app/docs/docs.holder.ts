import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Holds the OpenAPI document built once at start (it needs the whole app to exist first). */
@Injectable()
export class DocsHolder {
  document: OpenAPIObject | null = null;
}
