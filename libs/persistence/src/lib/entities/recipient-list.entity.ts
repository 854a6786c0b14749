import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ListState } from '@proactive-sms/domain';
import { Campaign } from './campaign.entity';

/** One uploaded CSV: its own outreach start and optional end, as local wall-clock times. */
@Entity({ tableName: 'recipient_lists' })
@Index({ properties: ['campaign', 'status'] })
export class RecipientList {
  [OptionalProps]?:
    | 'status'
    | 'outreachEndAt'
    | 'duplicates'
    | 'skippedOptedOut'
    | 'skippedAlreadyInCampaign'
    | 'createdAt'
    | 'updatedAt'
    | 'completedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  /** Wall clock `YYYY-MM-DDTHH:mm`, applied in each recipient's own zone. */
  @Property({ type: 'string', length: 16 })
  outreachStartAt!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  outreachEndAt: string | null = null;

  @Property({ type: 'string', length: 16 })
  status: ListState = 'scheduled';

  /** Rows accepted into the list (recipients created). */
  @Property({ type: 'integer' })
  recipients!: number;

  @Property({ type: 'integer' })
  duplicates = 0;

  @Property({ type: 'integer' })
  skippedOptedOut = 0;

  @Property({ type: 'integer' })
  skippedAlreadyInCampaign = 0;

  @Property({ type: 'string', length: 32 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;
}
