import { AbstractSqlDriver, SqliteKnexDialect } from '@mikro-orm/knex';
import { SqliteConnection, SqlitePlatform } from '@mikro-orm/sqlite';
import type { Configuration } from '@mikro-orm/core';

// knex has no public option for the kind of BEGIN it sends; its SQLite transaction class is the seam.
const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction') as new (
  ...args: unknown[]
) => {
  query(connection: unknown, sql: string): Promise<unknown>;
};

/**
 * knex opens every SQLite transaction with a deferred `BEGIN`: it reads under a shared lock and upgrades to
 * the write lock at its first write. With two processes on one file (the service and the dispatcher) that
 * upgrade fails at once with SQLITE_BUSY — the busy timeout does not apply to it. `BEGIN IMMEDIATE` takes
 * the single writer lock when the transaction starts, waiting (up to the busy timeout) for the other
 * process instead, so a claim or an upload is one writer transaction from its first statement.
 */
class ImmediateTransaction extends SqliteTransaction {
  begin(connection: unknown): Promise<unknown> {
    return this.query(connection, 'BEGIN IMMEDIATE;');
  }
}

class ImmediateSqliteKnexDialect extends SqliteKnexDialect {
  transaction(...args: unknown[]): unknown {
    return new ImmediateTransaction(this, ...args);
  }
}

class ImmediateSqliteConnection extends SqliteConnection {
  override createKnex(): void {
    this.client = this.createKnexClient(ImmediateSqliteKnexDialect as unknown as string);
    this.connected = true;
  }
}

/** MikroORM's SQLite driver (the `sqlite3` package), with every transaction begun IMMEDIATE. */
export class ImmediateSqliteDriver extends AbstractSqlDriver<ImmediateSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), ImmediateSqliteConnection, ['knex', 'sqlite3']);
  }
}
