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
