import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A refused CSV upload: only its error log is kept, so the admin can download it from the thread. */
@Entity({ tableName: 'refused_uploads' })
export class RefusedUpload {
  [OptionalProps]?: 'createdAt';

  /** Random, unguessable: the error log holds phone numbers. */
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'integer' })
  campaignId!: number;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'integer' })
  errorCount!: number;

  @Property({ type: 'text' })
  errorLog!: string;

  @Property({ type: 'string', length: 32 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
