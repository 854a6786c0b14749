import { type Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ImmediateSqliteDriver } from './immediate-sqlite-driver';
import type { DatabaseTarget } from './database-url';
import { ENTITIES } from './entities';
import { POSTGRESQL_MIGRATIONS } from './migrations/postgresql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** How long a SQLite writer waits for another process's write lock before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

type SqliteConnection = { exec(sql: string, callback: (error: Error | null) => void): void };

/**
 * MikroORM options for either database, with the same entities and versioned migrations. SQLite runs in
 * WAL mode with a busy timeout so that the dispatcher's process can write beside the service's.
 */
export function ormOptions(target: DatabaseTarget, overrides: Partial<Options> = {}): Options {
  const common = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
  } satisfies Partial<Options>;

  if (target.kind === 'sqlite') {
    return {
      ...common,
      driver: ImmediateSqliteDriver,
      dbName: target.file,
      migrations: migrationsFor(SQLITE_MIGRATIONS),
      pool: {
        min: 1,
        max: 1,
        afterCreate: (
          connection: SqliteConnection,
          done: (error: Error | null, connection: SqliteConnection) => void,
        ) => {
          connection.exec(
            `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;`,
            (error) => done(error, connection),
          );
        },
      },
      ...overrides,
    } as Options;
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: target.url,
    migrations: migrationsFor(POSTGRESQL_MIGRATIONS),
    ...overrides,
  } as Options;
}

function migrationsFor(list: NonNullable<NonNullable<Options['migrations']>['migrationsList']>) {
  return {
    migrationsList: list,
    tableName: 'mikro_orm_migrations',
    transactional: true,
    allOrNothing: true,
    snapshot: false,
    disableForeignKeys: false,
    silent: true,
  };
}
