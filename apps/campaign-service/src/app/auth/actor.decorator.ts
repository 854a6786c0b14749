import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The Slack user id (or system actor) behind a write; the guard has already checked it is there. */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<Request>();
  return String(request.headers['x-actor']);
});
