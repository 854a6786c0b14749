import type { EntityManager } from '@mikro-orm/core';
import { type AbstractSqlConnection, BaseSqlitePlatform, type Knex } from '@mikro-orm/knex';

/** SQLite hands dates back from raw queries as epoch milliseconds, PostgreSQL as Date objects. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

type Executor = {
  getConnection(): { execute(sql: string, params: unknown[], method: 'all', ctx?: unknown): Promise<unknown> };
  getTransactionContext(): unknown;
};

/**
 * A raw, parameterised SELECT (`?` placeholders on both databases) returning typed rows. It runs inside
 * the entity manager's transaction when there is one — on SQLite's single connection anything else waits
 * for the transaction forever.
 */
export async function queryRows<T>(em: Executor, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

type Runner = {
  getConnection(): { execute(sql: string, params: unknown[], method: 'run', ctx?: unknown): Promise<unknown> };
  getTransactionContext(): unknown;
};

/** A raw, parameterised write in the entity manager's transaction; answers the number of rows it changed. */
export async function runStatement(em: Runner, sql: string, params: unknown[] = []): Promise<number> {
  const result = (await em.getConnection().execute(sql, params, 'run', em.getTransactionContext())) as {
    affectedRows: number;
  };
  return result.affectedRows;
}

/** Bound parameters per statement: under SQLite's limit of 32,766 (PostgreSQL allows 65,535). */
const MAX_BOUND_PARAMETERS = 30_000;

/**
 * Inserts many rows in as few statements as the databases allow, in the entity manager's transaction, with
 * the values bound by the driver — MikroORM's `execute` and `insertMany` write every value into the SQL text
 * first, which costs more than the insert itself for a list of thousands. `constants` are the same on every
 * row (written as literals); dates go in as SQLite's epoch milliseconds or PostgreSQL timestamps.
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  constants: Record<string, number | string>,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const knex = (em.getConnection() as AbstractSqlConnection).getKnex();
  const sqlite = em.getPlatform() instanceof BaseSqlitePlatform;
  const literal = (value: number | string) =>
    typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
  const names = [...Object.keys(constants), ...columns].join(', ');
  const tuple = `(${[...Object.values(constants).map(literal), ...columns.map(() => '?')].join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns.length)));
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    const chunk = rows.slice(offset, offset + perStatement);
    const bindings = chunk.flatMap((row) =>
      row.map((value) => (sqlite && value instanceof Date ? value.getTime() : (value ?? null)) as Knex.RawBinding),
    );
    const statement = knex.raw(`insert into ${table} (${names}) values ${chunk.map(() => tuple).join(', ')}`, bindings);
    const transaction = em.getTransactionContext<Knex.Transaction>();
    await (transaction ? statement.transacting(transaction) : statement);
  }
}
