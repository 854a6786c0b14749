import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A message template in one language, with the first-name variable and its default. */
@Entity({ tableName: 'messaging_answers' })
export class MessagingAnswer {
  [OptionalProps]?: 'createdAt' | 'defaultFirstName';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 16, index: true })
  language!: string;

  @Property({ type: 'text' })
  body!: string;

  /** Used when a recipient has no name; null only when the body has no first-name variable. */
  @Property({ type: 'string', length: 100, nullable: true })
  defaultFirstName: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
