import path from 'node:path';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };

export const DEFAULT_SQLITE_FILE = path.join('data', 'proactive-sms.sqlite');

/**
 * `DATABASE_URL` decides where the data lives: unset → the embedded SQLite file `./data/proactive-sms.sqlite`,
 * `sqlite:<path>` → another SQLite file, `postgresql://…` (or `postgres://…`) → PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { kind: 'sqlite', file: path.resolve(cwd, DEFAULT_SQLITE_FILE) };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/proactive-sms.sqlite');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgresql', url: value };
  throw new Error(
    `DATABASE_URL "${value.replace(/\/\/[^@/]*@/, '//***@')}" is not supported: use sqlite:<path> or postgresql://user@host:port/database`,
  );
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.kind === 'sqlite'
    ? `sqlite ${target.file}`
    : `postgresql ${target.url.replace(/\/\/[^@/]*@/, '//***@')}`;
}
