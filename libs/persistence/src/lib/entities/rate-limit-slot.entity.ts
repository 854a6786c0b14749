import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The next free send slot of one limit (`global`, `sender:<id>`, `campaign:<id>`), shared by every
 * dispatcher process: a claim reserves slots here in the same transaction that claims the recipients, so
 * several dispatchers together never exceed a limit.
 */
@Entity({ tableName: 'rate_limit_slots' })
export class RateLimitSlot {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  /** Epoch milliseconds of the earliest instant the next send under this limit may start. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  nextAt!: string;
}
