import { openDatabase } from '@proactive-sms/persistence';
import { TEST_POSTGRES_URL } from '@proactive-sms/persistence/testing';
import os from 'node:os';
import { Client } from 'pg';

export type Machine = {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  loadAverageAtStart: number[];
  sqlite: string;
  postgresql: string | null;
};

/** What the figures were measured on: they are ratios, but the reader should know the box. */
export async function describeMachine(): Promise<Machine> {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    sqlite: await sqliteVersion(),
    postgresql: await postgresVersion(),
  };
}

async function sqliteVersion(): Promise<string> {
  const orm = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  try {
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<{ version: string }[]>('select sqlite_version() as version');
    return (row as { version: string } | undefined)?.version ?? 'unknown';
  } finally {
    await orm.close(true);
  }
}

async function postgresVersion(): Promise<string | null> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
