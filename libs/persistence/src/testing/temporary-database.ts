import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../lib/database-url';

/** The PostgreSQL server the medium and end-to-end tests use (trust auth on this machine and in CI). */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type TemporaryDatabase = { target: DatabaseTarget; url: string; drop(): Promise<void> };

export const DATABASE_KINDS = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/**
 * A database of its own for one test file or tool run: a fresh SQLite file in a temporary folder, or a
 * fresh database on the PostgreSQL server. `drop()` removes it, so runs never see each other's rows.
 */
export async function createTemporaryDatabase(kind: DatabaseKind): Promise<TemporaryDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'proactive-sms-'));
    const file = path.join(dir, 'test.sqlite');
    return { target: { kind, file }, url: `sqlite:${file}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `proactive_sms_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind, url: url.toString() },
    url: url.toString(),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
