import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Every change: who (a Slack user id, or a system actor), what, when. */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEntry {
  [OptionalProps]?: 'at' | 'details';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  actor!: string;

  /** e.g. campaign.created, recipient_list.stopped */
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 32 })
  entityType!: string;

  @Property({ type: 'string', length: 64 })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
