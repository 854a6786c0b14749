import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'proactive-sms:public';

/** A route anyone may call without the service token (only `GET /health`). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
