import { MikroORM } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/core';
import { type DatabaseTarget } from './database-url';
import { ormOptions } from './orm-options';

/** Opens the database and applies every pending migration (never `schema:update`). */
export async function openDatabase(target: DatabaseTarget, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(target, overrides));
  try {
    await orm.getMigrator().up();
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}
