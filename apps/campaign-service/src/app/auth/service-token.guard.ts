import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
  BadRequestException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ServiceConfig } from '../config/service-config';
import { IS_PUBLIC } from './public.decorator';

/** Slack user ids (U…, W…) or a named system actor such as `system:dispatcher`. */
const ACTOR = /^(?:[UW][A-Z0-9]{2,30}|system:[a-z0-9-]{1,40})$/;

/**
 * Every route but the public ones needs `Authorization: Bearer $SERVICE_TOKEN`, compared in constant time;
 * every write also names its actor in `X-Actor`, which the audit log records.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    private readonly reflector: Reflector,
    config: ServiceConfig,
  ) {
    this.expected = digest(config.serviceToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedException('A valid service token is required: Authorization: Bearer <SERVICE_TOKEN>');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const actor = request.headers['x-actor'];
      if (typeof actor !== 'string' || !ACTOR.test(actor)) {
        throw new BadRequestException(
          'Writes need an X-Actor header with the Slack user id of who made the change (e.g. U012AB3CD)',
        );
      }
    }
    return true;
  }
}

// Hashing first makes both sides the same length, so the comparison itself leaks nothing about the token.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
