import path from 'node:path';
import { parseDatabaseUrl } from './database-url';

describe('DATABASE_URL', () => {
  it('defaults to the embedded SQLite file in ./data', () => {
    expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/srv/app/data/proactive-sms.sqlite',
    });
    expect(parseDatabaseUrl('  ', '/srv/app')).toEqual({ kind: 'sqlite', file: '/srv/app/data/proactive-sms.sqlite' });
  });

  it('takes another SQLite file, relative to the working directory or absolute', () => {
    expect(parseDatabaseUrl('sqlite:./tmp/x.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: path.resolve('/srv/app/tmp/x.sqlite'),
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/sms.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/sms.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/sms.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/sms.sqlite',
    });
  });

  it('switches to PostgreSQL', () => {
    expect(parseDatabaseUrl('postgresql://sms@db:5432/sms')).toEqual({
      kind: 'postgresql',
      url: 'postgresql://sms@db:5432/sms',
    });
    expect(parseDatabaseUrl('postgres://sms@db/sms').kind).toBe('postgresql');
  });

  it('refuses anything else without echoing a password', () => {
    expect(() => parseDatabaseUrl('mysql://root:secret@db/sms')).toThrow(/not supported/);
    expect(() => parseDatabaseUrl('mysql://root:secret@db/sms')).not.toThrow(/secret/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
  });
});
