import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Signed webhook token ids already accepted: a replayed request is refused (shared by all dispatchers). */
@Entity({ tableName: 'webhook_jtis' })
export class WebhookJti {
  @PrimaryKey({ type: 'string', length: 128 })
  jti!: string;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
