import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { CampaignState, WeeklySchedule } from '@proactive-sms/domain';
import { MessagingAnswer } from './messaging-answer.entity';
import { SenderNumber } from './sender-number.entity';

@Entity({ tableName: 'campaigns' })
export class Campaign {
  [OptionalProps]?: 'status' | 'description' | 'capCount' | 'capPerSeconds' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'text' })
  description = '';

  @ManyToOne(() => SenderNumber, { deleteRule: 'restrict' })
  senderNumber!: SenderNumber;

  @Property({ type: 'string', length: 16 })
  language!: string;

  @ManyToOne(() => MessagingAnswer, { deleteRule: 'restrict' })
  answer!: MessagingAnswer;

  @Property({ type: 'json' })
  schedule!: WeeklySchedule;

  /** Where the campaign's messages and digests are posted. */
  @Property({ type: 'string', length: 32 })
  slackChannelId!: string;

  @Property({ type: 'string', length: 16 })
  status: CampaignState = 'active';

  /** Optional cap of sends per window for the whole campaign (Gladly: 40 per 300 s). Null = off. */
  @Property({ type: 'integer', nullable: true })
  capCount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  capPerSeconds: number | null = null;

  @Property({ type: 'string', length: 32 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
