import { AuditEntry } from './audit-entry.entity';
import { Campaign } from './campaign.entity';
import { InboundMessage } from './inbound-message.entity';
import { MessagingAnswer } from './messaging-answer.entity';
import { OptOut } from './opt-out.entity';
import { OutboxMessage } from './outbox-message.entity';
import { RateLimitSlot } from './rate-limit-slot.entity';
import { Recipient } from './recipient.entity';
import { RecipientList } from './recipient-list.entity';
import { RefusedUpload } from './refused-upload.entity';
import { SenderNumber } from './sender-number.entity';
import { WebhookJti } from './webhook-jti.entity';

export * from './audit-entry.entity';
export * from './campaign.entity';
export * from './inbound-message.entity';
export * from './messaging-answer.entity';
export * from './opt-out.entity';
export * from './outbox-message.entity';
export * from './rate-limit-slot.entity';
export * from './recipient.entity';
export * from './recipient-list.entity';
export * from './refused-upload.entity';
export * from './sender-number.entity';
export * from './webhook-jti.entity';

export const ENTITIES = [
  SenderNumber,
  MessagingAnswer,
  Campaign,
  RecipientList,
  Recipient,
  OptOut,
  InboundMessage,
  AuditEntry,
  OutboxMessage,
  RefusedUpload,
  RateLimitSlot,
  WebhookJti,
];
